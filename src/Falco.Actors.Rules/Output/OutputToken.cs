using Falco.Actors.Rules.Filter.Ast;

namespace Falco.Actors.Rules.Output;

/// <summary>One piece of an output template: literal text or a field/transformer expression.</summary>
public abstract record OutputToken;

/// <summary>Text copied as is.</summary>
public sealed record LiteralToken(string Text) : OutputToken;

/// <summary>
/// <c>%[width]expr</c>: a field (<c>ct.user</c>, <c>json.value[/a/b]</c>) or a transformer (<c>toupper(ct.user)</c>).
/// <see cref="Name"/> is the canonical text of the expression; a non-zero <see cref="Width"/> pads with blanks or
/// truncates the rendered value to that many bytes.
/// </summary>
public sealed record FieldToken(AstNode Expression, string Name, int Width) : OutputToken;

/// <summary>
/// A value an alert's <c>output_fields</c> carries: every field of a token, and each outermost transformer
/// (those only when transformed fields are resolved, as libsinsp's <c>resolve_transformed_fields</c>).
/// </summary>
public sealed record OutputFieldRef(string Name, AstNode Expression, bool HasTransformers);
