namespace Falco.Actors.Rules.Filter.Ast;

// The filter AST of libs' filter/ast.h. Nodes are immutable and carry where they start in the condition text;
// macro resolution shares subtrees instead of cloning them.

/// <summary>Any node of a filter expression.</summary>
public abstract record AstNode(SourcePosition Position);

/// <summary><c>a and b and c</c>: n-ary, never fewer than two children.</summary>
public sealed record AndExpr(SourcePosition Position, IReadOnlyList<AstNode> Children) : AstNode(Position);

/// <summary><c>a or b or c</c>: n-ary, never fewer than two children.</summary>
public sealed record OrExpr(SourcePosition Position, IReadOnlyList<AstNode> Children) : AstNode(Position);

/// <summary><c>not a</c>; runs of <c>not</c> are folded by parity when parsing.</summary>
public sealed record NotExpr(SourcePosition Position, AstNode Child) : AstNode(Position);

/// <summary>A name without a dot: a macro reference.</summary>
public sealed record IdentifierExpr(SourcePosition Position, string Name) : AstNode(Position);

/// <summary>A constant right-hand value, unescaped (bare or quoted in the text).</summary>
public sealed record ValueExpr(SourcePosition Position, string Value) : AstNode(Position);

/// <summary>A list literal <c>(a, b, c)</c> of constant values.</summary>
public sealed record ListExpr(SourcePosition Position, IReadOnlyList<string> Values) : AstNode(Position);

/// <summary>The parenthesised argument list of a multi-value transformer: <c>join(",", (a.b, "x", c.d))</c>.</summary>
public sealed record TransformerListExpr(SourcePosition Position, IReadOnlyList<AstNode> Children) : AstNode(Position);

/// <summary>A field reference <c>name</c> or <c>name[arg]</c>; <see cref="Arg"/> is null when absent ("" is an argument).</summary>
public sealed record FieldExpr(SourcePosition Position, string Field, string? Arg) : AstNode(Position);

/// <summary>
/// A transformer applied to its arguments (<c>tolower(f)</c>, <c>join(sep, (...))</c>, <c>getopt(f, "o")[k]</c>),
/// or <c>val(f)</c> on a right-hand side. <see cref="Arg"/> is the optional <c>[arg]</c> after the parenthesis.
/// </summary>
public sealed record TransformerExpr(SourcePosition Position, string Transformer, IReadOnlyList<AstNode> Arguments, string? Arg)
    : AstNode(Position);

/// <summary><c>left exists</c>.</summary>
public sealed record UnaryCheckExpr(SourcePosition Position, AstNode Left, string Operator) : AstNode(Position);

/// <summary>
/// <c>left op right</c>. A modifier is part of the operator text (<c>"== oneof"</c>). The right side is a
/// <see cref="ValueExpr"/>, <see cref="ListExpr"/>, or a <see cref="TransformerExpr"/> (incl. <c>val</c>).
/// </summary>
public sealed record BinaryCheckExpr(SourcePosition Position, AstNode Left, string Operator, AstNode Right) : AstNode(Position);
