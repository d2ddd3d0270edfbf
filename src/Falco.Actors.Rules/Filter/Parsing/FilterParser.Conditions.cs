using Falco.Actors.Rules.Filter.Ast;
using Falco.Actors.Rules.Filter.Language;

namespace Falco.Actors.Rules.Filter.Parsing;

// Conditions after a field or transformer: operators, right-hand values, lists and transformers.
public sealed partial class FilterParser
{
    // Condition := 'exists' | NumOp NumRhs | StrOp [Modifier ListValue | StrRhs] | ListOp ListRhs
    private AstNode ParseCondition(AstNode left, SourcePosition position)
    {
        using var depth = EnterRule();
        _lexer.LexBlank();
        if (_lexer.LexOperator(OperatorSyntax.Unary, out var unary, out _))
        {
            return new UnaryCheckExpr(position, left, unary.Name);
        }

        _lexer.LexBlank();
        string op;
        AstNode right;
        if (_lexer.LexOperator(OperatorSyntax.Numeric, out var numeric, out _))
        {
            op = numeric.Name;
            right = ParseNumberValueOrTransformer();
        }
        else if (_lexer.LexOperator(OperatorSyntax.String, out var text, out var blankConsumed))
        {
            op = text.Name;
            if (TryParseModifierList(blankConsumed) is var (modifier, list))
            {
                op = $"{op} {modifier}";
                right = list;
            }
            else
            {
                right = ParseStringValueOrTransformer();
            }
        }
        else if (_lexer.LexOperator(OperatorSyntax.List, out var set, out _))
        {
            op = set.Name;
            right = ParseListValueOrTransformer();
        }
        else
        {
            throw Error($"expected a valid check operator: one of {FilterSyntax.OperatorList}");
        }

        return new BinaryCheckExpr(position, left, op, right);
    }

    // StrOp BLANK ('oneof'|'anyof'|'allof') BLANK ('(' list ')' | Identifier). Anything else (e.g. `== oneof`,
    // `== anyof and x`) is not a modifier: the word is then an ordinary bare-string value.
    private (string Modifier, AstNode List)? TryParseModifierList(bool blankAfterOperator)
    {
        var mark = _lexer.Save();
        if ((_lexer.LexBlank() || blankAfterOperator) && _lexer.LexAnyLiteral(FilterOperators.ModifierNames))
        {
            var modifier = _lexer.LastToken;
            if (_lexer.LexBlank())
            {
                var position = Position;
                if (_lexer.LexLiteral("("))
                {
                    using var depth = EnterRule();
                    return (modifier, ParseListLiteralRemainder(position));
                }

                if (_lexer.LexIdentifier() && _lexer.LastToken is not ("and" or "or"))
                {
                    return (modifier, new ValueExpr(position, _lexer.LastToken));
                }
            }
        }

        _lexer.Restore(mark);
        return null;
    }

    private AstNode ParseNumberValueOrTransformer() =>
        ParseValueOrTransformer(() => _lexer.LexHexNumber() || _lexer.LexNumber(), "a number value");

    private AstNode ParseStringValueOrTransformer() =>
        ParseValueOrTransformer(TryLexStringValue, "a string value");

    private AstNode ParseValueOrTransformer(Func<bool> lexValue, string expected)
    {
        using var depth = EnterRule();
        _lexer.LexBlank();
        var position = Position;
        if (TryParseTransformerOrVal() is { } transformer)
        {
            return transformer;
        }

        if (lexValue())
        {
            return new ValueExpr(position, _lexer.LastToken);
        }

        throw Error($"expected {expected} or a field with a valid transformer: {FilterSyntax.TransformerListWithVal}");
    }

    private AstNode ParseListValueOrTransformer()
    {
        using var depth = EnterRule();
        _lexer.LexBlank();
        var position = Position;
        if (_lexer.LexLiteral("("))
        {
            return ParseListLiteralRemainder(position);
        }

        if (TryParseTransformerOrVal() is { } transformer)
        {
            return transformer;
        }

        if (_lexer.LexIdentifier())
        {
            return new ValueExpr(position, _lexer.LastToken);
        }

        throw Error($"expected a list, an identifier, or a field with a valid transformer: {FilterSyntax.TransformerListWithVal}");
    }

    // ListValue := '(' [StrValue (',' StrValue)*] ')', the '(' already consumed. Items are plain values only.
    private ListExpr ParseListLiteralRemainder(SourcePosition position)
    {
        var values = new List<string>();
        _lexer.LexBlank();
        if (TryLexStringValue())
        {
            values.Add(_lexer.LastToken);
            _lexer.LexBlank();
            while (_lexer.LexLiteral(","))
            {
                values.Add(ParseListItem());
                _lexer.LexBlank();
            }
        }

        return _lexer.LexLiteral(")") ? new ListExpr(position, values.ToArray()) : throw Error("expected a ')' token");
    }

    private string ParseListItem()
    {
        using var depth = EnterRule();
        _lexer.LexBlank();
        return TryLexStringValue() ? _lexer.LastToken : throw Error("expected a string value");
    }

    // libs parses the first list item inside a catch-all and treats any failure as an empty list; here only "no
    // value at all" counts as empty, so a bad escape in the first item is reported instead of silently dropped.
    private bool TryLexStringValue() => _lexer.LexQuotedString() || _lexer.LexBareString();

    // TransformerOrVal := Transformer | 'val(' Field ')' ['[' FieldArg ']']; null when neither starts here.
    private AstNode? TryParseTransformerOrVal()
    {
        using var depth = EnterRule();
        _lexer.LexBlank();
        var position = Position;
        if (_lexer.LexLiteral(FilterTransformers.Val + "("))
        {
            _lexer.LexBlank();
            var fieldPosition = Position;
            if (!_lexer.LexFieldName())
            {
                throw Error($"expected a field within '{FilterTransformers.Val}' transformer");
            }

            var field = ParseFieldRemainder(_lexer.LastToken, fieldPosition);
            _lexer.LexBlank();
            if (!_lexer.LexLiteral(")"))
            {
                throw Error("expected a ')' token closing the transformer");
            }

            return new TransformerExpr(position, FilterTransformers.Val, [field], ParseOptionalArgument());
        }

        return _lexer.LexAnyLiteral(FilterSyntax.Transformers) ? ParseTransformerRemainder(position) : null;
    }

    // Transformer := TName '(' TArg (',' TArg)* ')' ['[' FieldArg ']'], with "TName(" the last token.
    private TransformerExpr ParseTransformerRemainder(SourcePosition position)
    {
        using var depth = EnterRule();
        var name = _lexer.LastToken[..^1];
        _lexer.LexBlank();
        var arguments = new List<AstNode>();
        do
        {
            arguments.Add(ParseTransformerArgument(Position));
            _lexer.LexBlank();
        }
        while (_lexer.LexLiteral(","));

        if (!_lexer.LexLiteral(")"))
        {
            throw Error("expected a ')' token closing the transformer");
        }

        return new TransformerExpr(position, name, arguments.ToArray(), ParseOptionalArgument());
    }

    // TArg := NumValue | QuotedStr | TransformerList | Transformer | Field
    private AstNode ParseTransformerArgument(SourcePosition position)
    {
        using var depth = EnterRule();
        _lexer.LexBlank();
        if (_lexer.LexHexNumber() || _lexer.LexNumber() || _lexer.LexQuotedString())
        {
            return new ValueExpr(position, _lexer.LastToken);
        }

        if (_lexer.LexLiteral("("))
        {
            return ParseTransformerList(position);
        }

        if (_lexer.LexAnyLiteral(FilterSyntax.Transformers))
        {
            return ParseTransformerRemainder(position);
        }

        if (_lexer.LexFieldName())
        {
            return ParseFieldRemainder(_lexer.LastToken, position);
        }

        throw Error("expected field transformer argument: field, transformer, quoted string, number, or transformer list");
    }

    // TransformerList := '(' [TListArg (',' TListArg)*] ')', the '(' already consumed. As in libs, every item
    // carries the list's position.
    private TransformerListExpr ParseTransformerList(SourcePosition position)
    {
        var children = new List<AstNode>();
        _lexer.LexBlank();
        if (!_lexer.LexLiteral(")"))
        {
            children.Add(ParseTransformerListItem(position));
            _lexer.LexBlank();
            while (_lexer.LexLiteral(","))
            {
                _lexer.LexBlank();
                children.Add(ParseTransformerListItem(position));
                _lexer.LexBlank();
            }

            if (!_lexer.LexLiteral(")"))
            {
                throw Error("expected ')'");
            }
        }

        return new TransformerListExpr(position, children.ToArray());
    }

    // TListArg := Field | Transformer | QuotedStr | NumValue
    private AstNode ParseTransformerListItem(SourcePosition position)
    {
        if (_lexer.LexFieldName())
        {
            return ParseFieldRemainder(_lexer.LastToken, position);
        }

        if (_lexer.LexAnyLiteral(FilterSyntax.Transformers))
        {
            return ParseTransformerRemainder(position);
        }

        if (_lexer.LexQuotedString() || _lexer.LexHexNumber() || _lexer.LexNumber())
        {
            return new ValueExpr(position, _lexer.LastToken);
        }

        throw Error("expected transformer list argument: field, transformer, quoted string, or number");
    }
}
