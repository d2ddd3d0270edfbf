using Falco.Actors.Rules.Filter.Ast;
using Falco.Actors.Rules.Filter.Language;

namespace Falco.Actors.Rules.Filter.Parsing;

/// <summary>
/// Recursive-descent parser of Falco's filter (condition) language, following libs'
/// <c>userspace/libsinsp/filter/parser.cpp</c> production by production so that what it accepts, the AST it builds,
/// the positions and the error messages match. Conditions are parsed whole (libs' partial parsing is off in Falco);
/// output formats read one field or transformer at a time (<see cref="ParseFieldOrTransformer"/>).
/// </summary>
public sealed partial class FilterParser
{
    /// <summary>libs' default recursion limit; Falco's rule compiler uses 1000.</summary>
    public const int DefaultMaxDepth = 100;

    private readonly FilterLexer _lexer;
    private readonly int _maxDepth;
    private int _depth;

    public FilterParser(string text, int maxDepth = DefaultMaxDepth)
        : this(new FilterLexer(text ?? throw new ArgumentNullException(nameof(text))), maxDepth)
    {
    }

    private FilterParser(FilterLexer lexer, int maxDepth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        _lexer = lexer;
        _maxDepth = maxDepth;
    }

    /// <summary>The 20 operator names of libs' <c>parser::supported_operators()</c>, in its order.</summary>
    public static IReadOnlyList<string> SupportedOperators => FilterOperators.Names;

    /// <summary>The transformer names (without <c>val</c>, which is only a right-hand side).</summary>
    public static IReadOnlyList<string> SupportedTransformers => FilterTransformers.Names;

    /// <summary>Where parsing stopped: the end of the text after success, the failure point after an error.</summary>
    public SourcePosition Position => _lexer.Position;

    public static AstNode Parse(string text, int maxDepth = DefaultMaxDepth) => new FilterParser(text, maxDepth).Parse();

    /// <summary>
    /// libs' <c>parse_field_or_transformer</c>, which its output formatter calls after each <c>%</c>: one field
    /// (<c>ct.user</c>, <c>json.value[/a]</c>) or transformer (<c>toupper(ct.user)</c>) starting at
    /// <paramref name="start"/>, reading nothing at or after <paramref name="end"/>. It stops after the expression
    /// and says in <paramref name="length"/> how many characters it read. As in libs, which parses the expression
    /// from a substring, the nodes' positions count from <paramref name="start"/>.
    /// </summary>
    /// <exception cref="FilterParseException">No field or transformer starts there, or it is malformed.</exception>
    public static AstNode ParseFieldOrTransformer(string text, int start, int end, out int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new FilterParser(new FilterLexer(text, start, end), DefaultMaxDepth);
        var expression = parser.ParseFieldOrTransformer();
        length = parser._lexer.Offset - start;
        return expression;
    }

    /// <summary>Parses the whole text.</summary>
    /// <exception cref="FilterParseException">The text is not a valid condition.</exception>
    public AstNode Parse()
    {
        if (_lexer.Text.Length == 0)
        {
            throw Error("filter input string is empty");
        }

        _lexer.Restore(new FilterLexer.Mark(0, SourcePosition.Start, string.Empty));
        _depth = 0;
        var result = ParseOr();
        if (!_lexer.AtEnd)
        {
            throw Error($"unexpected token after '{_lexer.LastToken}', expecting 'or', 'and'");
        }

        return result;
    }

    // Expr := OrExpr;  OrExpr := AndExpr ('or' (BLANK AndExpr | '(' Expr ')'))*
    private AstNode ParseOr() =>
        ParseChain("or", ParseAnd, static (position, children) => new OrExpr(position, children));

    // AndExpr := NotExpr ('and' (BLANK NotExpr | '(' Expr ')'))*
    private AstNode ParseAnd() =>
        ParseChain("and", ParseNot, static (position, children) => new AndExpr(position, children));

    // One n-ary level: operands joined by a keyword; a single operand is returned as it is.
    private AstNode ParseChain(string keyword, Func<AstNode> parseOperand, Func<SourcePosition, AstNode[], AstNode> create)
    {
        using var depth = EnterRule();
        var position = Position;
        _lexer.LexBlank();
        var children = new List<AstNode> { parseOperand() };
        _lexer.LexBlank();
        while (_lexer.LexLiteral(keyword))
        {
            children.Add(ParseKeywordOperand(keyword, parseOperand));
            _lexer.LexBlank();
        }

        return children.Count > 1 ? create(position, children.ToArray()) : children[0];
    }

    // After 'and'/'or': a blank then the operand, or directly a parenthesised expression.
    private AstNode ParseKeywordOperand(string keyword, Func<AstNode> parseOperand)
    {
        if (_lexer.LexBlank())
        {
            return parseOperand();
        }

        return _lexer.LexLiteral("(") ? ParseEmbeddedRemainder() : throw Error($"expected blank or '(' after '{keyword}'");
    }

    // NotExpr := ('not' BLANK+)* ('not(' Expr ')' | Check); runs of 'not' fold by parity.
    private AstNode ParseNot()
    {
        using var depth = EnterRule();
        var position = Position;
        var negated = false;
        _lexer.LexBlank();
        while (_lexer.LexNotBlank())
        {
            negated = !negated;
        }

        AstNode child;
        if (_lexer.LexLiteral("not("))
        {
            negated = !negated;
            child = ParseEmbeddedRemainder();
        }
        else
        {
            child = ParseCheck();
        }

        return negated ? new NotExpr(position, child) : child;
    }

    // The rest of '(' Expr ')' once the '(' is consumed.
    private AstNode ParseEmbeddedRemainder()
    {
        using var depth = EnterRule();
        _lexer.LexBlank();
        var child = ParseOr();
        _lexer.LexBlank();
        return _lexer.LexLiteral(")") ? child : throw Error("expected a ')' token");
    }

    // Check := '(' Expr ')' | Field Condition | Transformer Condition | Identifier
    private AstNode ParseCheck()
    {
        using var depth = EnterRule();
        var position = Position;
        _lexer.LexBlank();
        if (_lexer.LexLiteral("("))
        {
            return ParseEmbeddedRemainder();
        }

        if (TryParseFieldOrTransformer(position) is { } left)
        {
            return ParseCondition(left, position);
        }

        if (_lexer.LexIdentifier())
        {
            return new IdentifierExpr(position, _lexer.LastToken);
        }

        throw Error("expected a '(' token, a field check, or an identifier");
    }

    private AstNode ParseFieldOrTransformer()
    {
        using var depth = EnterRule();
        // libs' message, without a closing quote.
        return TryParseFieldOrTransformer(Position) ?? throw Error($"unexpected token after '{_lexer.LastToken}");
    }

    // FieldOrTransformer := Field | Transformer; null when neither starts here. A check's left side, and what an
    // output format holds after each '%'.
    private AstNode? TryParseFieldOrTransformer(SourcePosition position)
    {
        if (_lexer.LexFieldName())
        {
            return ParseFieldRemainder(_lexer.LastToken, position);
        }

        return _lexer.LexAnyLiteral(FilterSyntax.Transformers) ? ParseTransformerRemainder(position) : null;
    }

    // Field := FieldName ['[' FieldArg ']'], the name already consumed.
    private FieldExpr ParseFieldRemainder(string field, SourcePosition position)
    {
        using var depth = EnterRule();
        return new FieldExpr(position, field, ParseOptionalArgument());
    }

    // '[' (QuotedStr | FieldArgBareStr) ']', directly after a field name or a transformer's ')'.
    private string? ParseOptionalArgument()
    {
        if (!_lexer.LexLiteral("["))
        {
            return null;
        }

        if (!_lexer.LexQuotedString() && !_lexer.LexFieldArgBareString())
        {
            throw Error("expected a valid field argument: a quoted string or a bare string");
        }

        var argument = _lexer.LastToken;
        return _lexer.LexLiteral("]") ? argument : throw Error("expected a ']' token");
    }

    private FilterParseException Error(string reason) => new(reason, _lexer.Position);

    private DepthScope EnterRule()
    {
        if (++_depth >= _maxDepth)
        {
            _depth--;
            throw Error($"exceeded max depth limit of {_maxDepth}");
        }

        return new DepthScope(this);
    }

    private readonly struct DepthScope(FilterParser parser) : IDisposable
    {
        public void Dispose() => parser._depth--;
    }
}
