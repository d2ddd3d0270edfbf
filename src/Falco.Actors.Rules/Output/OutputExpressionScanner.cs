using System.Text;
using Falco.Actors.Rules.Filter.Ast;

namespace Falco.Actors.Rules.Output;

/// <summary>
/// Reads one field or transformer expression at the start of a piece of an output format, as libs'
/// <c>parser::parse_field_or_transformer</c>: a field name (<c>a.b</c>, at least one dot) with an optional
/// <c>[arg]</c>, or <c>transformer(args)</c> with an optional <c>[arg]</c>. Like libs it stops after the expression
/// and reports how many characters it read; anything after that is literal text of the format.
/// </summary>
internal ref struct OutputExpressionScanner
{
    private static readonly string[] Transformers =
        ["tolower", "toupper", "b64", "basename", "len", "join", "concat", "getopt"];

    private readonly string _text;
    private readonly int _start;
    private readonly int _end;
    private int _pos;
    private string _lastToken;

    /// <param name="text">The whole format (positions are reported in it).</param>
    /// <param name="start">Where the expression starts.</param>
    /// <param name="end">Where the scanner must stop (libs retries with shorter inputs).</param>
    public OutputExpressionScanner(string text, int start, int end)
    {
        _text = text;
        _start = start;
        _end = end;
        _pos = start;
        _lastToken = "";
    }

    /// <summary>Characters read so far.</summary>
    public readonly int Consumed => _pos - _start;

    /// <summary>Reads the expression; on failure <paramref name="error"/> holds libs' parser message.</summary>
    public bool TryScan(out AstNode? node, out string? error)
    {
        try
        {
            node = ParseFieldOrTransformer();
            error = null;
            return true;
        }
        catch (ScanException e)
        {
            node = null;
            error = e.Message;
            return false;
        }
    }

    private AstNode ParseFieldOrTransformer()
    {
        var position = PositionAt(_pos);
        if (LexFieldName(out var name))
        {
            return new FieldExpr(position, name, ParseOptionalArg());
        }
        if (LexTransformer(out var transformer))
        {
            LexBlank();
            return ParseTransformerRemainder(transformer, position);
        }
        throw new ScanException($"unexpected token after '{_lastToken}");
    }

    private TransformerExpr ParseTransformerRemainder(string transformer, SourcePosition position)
    {
        var args = new List<AstNode>();
        while (true)
        {
            LexBlank();
            args.Add(ParseTransformerArgument());
            LexBlank();
            if (!LexChar(','))
            {
                break;
            }
        }
        if (!LexChar(')'))
        {
            throw new ScanException("expected a ')' token closing the transformer");
        }
        return new TransformerExpr(position, transformer, args, ParseOptionalArg());
    }

    private AstNode ParseTransformerArgument()
    {
        var position = PositionAt(_pos);
        if (Peek() == '(')
        {
            _pos++;
            var items = new List<AstNode>();
            LexBlank();
            if (!LexChar(')'))
            {
                while (true)
                {
                    LexBlank();
                    items.Add(ParseListItem());
                    LexBlank();
                    if (!LexChar(','))
                    {
                        break;
                    }
                }
                if (!LexChar(')'))
                {
                    throw new ScanException("expected a ')' token");
                }
            }
            return new TransformerListExpr(position, items);
        }
        return ParseListItem();
    }

    private AstNode ParseListItem()
    {
        var position = PositionAt(_pos);
        if (LexQuotedString(out var quoted))
        {
            return new ValueExpr(position, quoted);
        }
        if (LexNumber(out var number))
        {
            return new ValueExpr(position, number);
        }
        return ParseFieldOrTransformer();
    }

    private string? ParseOptionalArg()
    {
        if (Peek() != '[')
        {
            return null;
        }
        _pos++;
        string arg;
        if (!LexQuotedString(out arg!) && !LexBareArg(out arg!))
        {
            throw new ScanException("expected a valid field argument: a quoted string or a bare string");
        }
        if (!LexChar(']'))
        {
            throw new ScanException("expected a ']' token");
        }
        return arg;
    }

    // [a-zA-Z]+[a-zA-Z0-9_]*(\.[a-zA-Z]+[a-zA-Z0-9_]*)+, greedy.
    private bool LexFieldName(out string name)
    {
        var p = _pos;
        if (!SkipSegment(ref p))
        {
            name = "";
            return false;
        }
        var segments = 0;
        while (p < _end && _text[p] == '.')
        {
            var q = p + 1;
            if (!SkipSegment(ref q))
            {
                break;
            }
            p = q;
            segments++;
        }
        if (segments == 0)
        {
            name = "";
            return false;
        }
        name = _text[_pos..p];
        _lastToken = name;
        _pos = p;
        return true;
    }

    private bool SkipSegment(ref int p)
    {
        var s = p;
        while (p < _end && char.IsAsciiLetter(_text[p]))
        {
            p++;
        }
        if (p == s)
        {
            return false;
        }
        while (p < _end && (char.IsAsciiLetterOrDigit(_text[p]) || _text[p] == '_'))
        {
            p++;
        }
        return true;
    }

    private bool LexTransformer(out string transformer)
    {
        foreach (var t in Transformers)
        {
            var length = t.Length + 1;
            if (_end - _pos >= length && string.CompareOrdinal(_text, _pos, t, 0, t.Length) == 0
                && _text[_pos + t.Length] == '(')
            {
                _lastToken = t + "(";
                _pos += length;
                transformer = t;
                return true;
            }
        }
        transformer = "";
        return false;
    }

    // [^][\"'[:space:]]+
    private bool LexBareArg(out string arg)
    {
        var p = _pos;
        while (p < _end && _text[p] is not ('[' or ']' or '"' or '\'') && !IsSpace(_text[p]))
        {
            p++;
        }
        arg = _text[_pos..p];
        if (p == _pos)
        {
            return false;
        }
        _lastToken = arg;
        _pos = p;
        return true;
    }

    // [+\-]?[0-9]+[\.]?[0-9]*([eE][+\-][0-9]+)? or 0[xX][0-9a-fA-F]+
    private bool LexNumber(out string number)
    {
        var p = _pos;
        if (p + 2 < _end && _text[p] == '0' && (_text[p + 1] | 0x20) == 'x' && char.IsAsciiHexDigit(_text[p + 2]))
        {
            p += 2;
            while (p < _end && char.IsAsciiHexDigit(_text[p]))
            {
                p++;
            }
            return Take(p, out number);
        }
        if (p < _end && _text[p] is '+' or '-')
        {
            p++;
        }
        var digits = p;
        while (p < _end && char.IsAsciiDigit(_text[p]))
        {
            p++;
        }
        if (p == digits)
        {
            number = "";
            return false;
        }
        if (p < _end && _text[p] == '.')
        {
            p++;
            while (p < _end && char.IsAsciiDigit(_text[p]))
            {
                p++;
            }
        }
        if (p + 2 < _end && (_text[p] | 0x20) == 'e' && _text[p + 1] is '+' or '-' && char.IsAsciiDigit(_text[p + 2]))
        {
            p += 2;
            while (p < _end && char.IsAsciiDigit(_text[p]))
            {
                p++;
            }
        }
        return Take(p, out number);
    }

    private bool Take(int p, out string token)
    {
        token = _text[_pos..p];
        _lastToken = token;
        _pos = p;
        return true;
    }

    // "..." or '...' with libs' escapes (\" \' \\ \/ \b \f \n \r \t); the other quote needs no escape.
    private bool LexQuotedString(out string value)
    {
        value = "";
        if (_pos >= _end || _text[_pos] is not ('"' or '\''))
        {
            return false;
        }
        var quote = _text[_pos];
        var p = _pos + 1;
        var sb = new StringBuilder();
        while (p < _end)
        {
            var c = _text[p];
            if (c == quote)
            {
                value = sb.ToString();
                _lastToken = _text[_pos..(p + 1)];
                _pos = p + 1;
                return true;
            }
            if (c == '\\' && p + 1 < _end)
            {
                var next = _text[p + 1];
                switch (next)
                {
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case '\\' or '/' or '"' or '\'': sb.Append(next); break;
                    default: sb.Append('\\').Append(next); break;
                }
                p += 2;
                continue;
            }
            sb.Append(c);
            p++;
        }
        return false;
    }

    private void LexBlank()
    {
        while (_pos < _end && _text[_pos] is ' ' or '\t' or '\b' or '\r' or '\n')
        {
            _pos++;
        }
    }

    private bool LexChar(char c)
    {
        if (_pos < _end && _text[_pos] == c)
        {
            _pos++;
            _lastToken = c.ToString();
            return true;
        }
        return false;
    }

    private readonly char Peek() => _pos < _end ? _text[_pos] : '\0';

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    private readonly SourcePosition PositionAt(int index)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (_text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return new SourcePosition(index, line, index - lineStart + 1);
    }

    private sealed class ScanException(string message) : Exception(message);
}
