using Falco.Actors.Rules.Filter.Ast;

namespace Falco.Actors.Rules.Loading;

/// <summary>A list after expanding references to earlier lists (items unquoted).</summary>
public sealed record LoadedList(string Name, IReadOnlyList<string> Items, bool Used, FileLocation Location);

/// <summary>A macro after list substitution and parsing, with the macros it references expanded.</summary>
public sealed record LoadedMacro(string Name, string Condition, AstNode ConditionAst, bool Used, FileLocation Location);
