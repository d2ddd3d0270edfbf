using Falco.Actors.Rules.Filter.Ast;

namespace Falco.Actors.Rules.RuleSets;

/// <summary>
/// What a condition implies about one field: whenever the condition is true, the field has a value and that value
/// is one of <see cref="Values"/> (compared byte for byte). <see cref="Key"/> is the field's canonical text.
/// </summary>
public sealed record IndexKey(string Key, FieldExpr Field, IReadOnlySet<string> Values);
