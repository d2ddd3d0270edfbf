using System.Diagnostics.CodeAnalysis;
using Falco.Actors.Rules.Filter.Ast;
using Falco.Actors.Rules.Filter.Language;

namespace Falco.Actors.Rules.Filter.Parsing;

/// <summary>
/// The token recognisers of libs' filter parser over one condition text, or over a window of a text (an output
/// format's expression, which libs reads from a substring). Each <c>Lex*</c> method either consumes a token at the
/// cursor (recording it in <see cref="LastToken"/>) or consumes nothing and returns false. Positions count UTF-8
/// bytes like libs (<c>idx</c> and <c>col</c>) from the start of the window; a line starts after each <c>\r</c> or
/// <c>\n</c>.
/// </summary>
internal sealed class FilterLexer
{
    // Nothing at or after _end is read.
    private readonly int _end;
    private int _cursor;

    public FilterLexer(string text)
        : this(text, 0, text.Length)
    {
    }

    /// <summary>A lexer that starts at <paramref name="start"/> and reads nothing at or after <paramref name="end"/>.</summary>
    public FilterLexer(string text, int start, int end)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, text.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, end);
        Text = text;
        _cursor = start;
        _end = end;
    }

    public string Text { get; }

    public SourcePosition Position { get; private set; } = SourcePosition.Start;

    /// <summary>The cursor as a character index into <see cref="Text"/>.</summary>
    public int Offset => _cursor;

    /// <summary>The last token consumed (quoted strings unescaped); blanks never count as tokens.</summary>
    public string LastToken { get; private set; } = string.Empty;

    public bool AtEnd => _cursor >= _end;

    public readonly record struct Mark(int Cursor, SourcePosition Position, string LastToken);

    public Mark Save() => new(_cursor, Position, LastToken);

    public void Restore(Mark mark)
    {
        _cursor = mark.Cursor;
        Position = mark.Position;
        LastToken = mark.LastToken;
    }

    /// <summary>Skips blanks (space, <c>\t \b \r \n</c>); true when at least one was skipped.</summary>
    public bool LexBlank()
    {
        var start = _cursor;
        var end = start;
        while (end < _end && IsBlank(Text[end]))
        {
            end++;
        }

        Advance(end - start);
        return end > start;
    }

    /// <summary>A literal prefix such as <c>and</c>, <c>(</c> or <c>not(</c>.</summary>
    public bool LexLiteral(string literal)
    {
        if (!Text.AsSpan(_cursor, _end - _cursor).StartsWith(literal, StringComparison.Ordinal))
        {
            return false;
        }

        Take(literal.Length);
        return true;
    }

    /// <summary>The first matching literal of <paramref name="literals"/>.</summary>
    public bool LexAnyLiteral(IEnumerable<string> literals)
    {
        foreach (var literal in literals)
        {
            if (LexLiteral(literal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The first matching operator of <paramref name="syntax"/>; one that needs a blank after it must be followed by
    /// one, which is consumed too (<paramref name="blankConsumed"/>). libs leaves the cursor after such an operator
    /// when no blank follows; here nothing is consumed, which only ever turns a garbled condition into a clearer
    /// rejection.
    /// </summary>
    public bool LexOperator(OperatorSyntax syntax, [NotNullWhen(true)] out FilterOperator? op, out bool blankConsumed)
    {
        blankConsumed = false;
        var candidates = FilterOperators.Of(syntax);
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            var mark = Save();
            if (!LexLiteral(candidate.Name))
            {
                continue;
            }

            if (candidate.BlankAfter && !LexBlank())
            {
                Restore(mark);
                break;
            }

            op = candidate;
            blankConsumed = candidate.BlankAfter;
            return true;
        }

        op = null;
        return false;
    }

    /// <summary><c>not[[:space:]]+</c>: a <c>not</c> keyword followed by blanks.</summary>
    public bool LexNotBlank()
    {
        if (!Text.AsSpan(_cursor, _end - _cursor).StartsWith("not", StringComparison.Ordinal))
        {
            return false;
        }

        var end = _cursor + 3;
        while (end < _end && IsPosixSpace(Text[end]))
        {
            end++;
        }

        return end > _cursor + 3 && Take(end - _cursor);
    }

    /// <summary><c>[a-zA-Z]+[a-zA-Z0-9_]*</c>: a macro or list name.</summary>
    public bool LexIdentifier() => TakeIfAny(IdentifierLength(_cursor));

    /// <summary><c>[a-zA-Z]+[a-zA-Z0-9_]*(\.[a-zA-Z]+[a-zA-Z0-9_]*)+</c>: a field name, at least one dot.</summary>
    public bool LexFieldName()
    {
        var end = _cursor + IdentifierLength(_cursor);
        if (end == _cursor)
        {
            return false;
        }

        var segments = 0;
        while (end < _end && Text[end] == '.' && IdentifierLength(end + 1) is > 0 and var next)
        {
            end += 1 + next;
            segments++;
        }

        return segments > 0 && Take(end - _cursor);
    }

    /// <summary><c>[^][\"'[:space:]]+</c>: a bare field argument.</summary>
    public bool LexFieldArgBareString() =>
        TakeIfAny(RunLength(c => c is not ('[' or ']' or '"' or '\'') && !IsPosixSpace(c)));

    /// <summary><c>[^()\"'[:space:]=,]+</c>: a bare string value.</summary>
    public bool LexBareString() =>
        TakeIfAny(RunLength(c => c is not ('(' or ')' or '"' or '\'' or '=' or ',') && !IsPosixSpace(c)));

    /// <summary><c>0[xX][0-9a-fA-F]+</c>.</summary>
    public bool LexHexNumber()
    {
        var i = _cursor;
        if (i + 2 >= _end || Text[i] != '0' || Text[i + 1] is not ('x' or 'X') || !char.IsAsciiHexDigit(Text[i + 2]))
        {
            return false;
        }

        i += 2;
        while (i < _end && char.IsAsciiHexDigit(Text[i]))
        {
            i++;
        }

        return Take(i - _cursor);
    }

    /// <summary><c>[+\-]?[0-9]+[\.]?[0-9]*([eE][+\-][0-9]+)?</c>.</summary>
    public bool LexNumber()
    {
        var i = _cursor;
        if (i < _end && Text[i] is '+' or '-')
        {
            i++;
        }

        var digits = Digits(i);
        if (digits == 0)
        {
            return false;
        }

        i += digits;
        if (i < _end && Text[i] == '.')
        {
            i++;
        }

        i += Digits(i);
        if (i + 2 < _end && Text[i] is 'e' or 'E' && Text[i + 1] is '+' or '-' && Digits(i + 2) is > 0 and var exponent)
        {
            i += 2 + exponent;
        }

        return Take(i - _cursor);
    }

    /// <summary>
    /// A <c>"…"</c> or <c>'…'</c> string: it ends at the next delimiter not directly preceded by a backslash. An
    /// unterminated string consumes nothing; a bad escape throws (the cursor then stands after the string).
    /// </summary>
    public bool LexQuotedString()
    {
        if (AtEnd || Text[_cursor] is not ('"' or '\''))
        {
            return false;
        }

        var delimiter = Text[_cursor];
        var end = _cursor + 1;
        while (end < _end && !(Text[end] == delimiter && Text[end - 1] != '\\'))
        {
            end++;
        }

        if (end >= _end)
        {
            return false;
        }

        var token = Text.Substring(_cursor, end + 1 - _cursor);
        Advance(token.Length);
        if (!StringEscaping.TryUnescape(token, out var value, out var error))
        {
            throw new FilterParseException(error!, Position);
        }

        LastToken = value;
        return true;
    }

    private static bool IsBlank(char c) => c is ' ' or '\t' or '\b' or '\r' or '\n';

    private static bool IsPosixSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    private int IdentifierLength(int start)
    {
        if (start >= _end || !char.IsAsciiLetter(Text[start]))
        {
            return 0;
        }

        var end = start + 1;
        while (end < _end && (char.IsAsciiLetterOrDigit(Text[end]) || Text[end] == '_'))
        {
            end++;
        }

        return end - start;
    }

    private int Digits(int start)
    {
        var end = start;
        while (end < _end && char.IsAsciiDigit(Text[end]))
        {
            end++;
        }

        return end - start;
    }

    private int RunLength(Func<char, bool> accepts)
    {
        var end = _cursor;
        while (end < _end && accepts(Text[end]))
        {
            end++;
        }

        return end - _cursor;
    }

    private bool TakeIfAny(int length) => length > 0 && Take(length);

    private bool Take(int length)
    {
        LastToken = Text.Substring(_cursor, length);
        Advance(length);
        return true;
    }

    private void Advance(int length)
    {
        var (index, line, column) = Position;
        for (var end = _cursor + length; _cursor < end; _cursor++)
        {
            var c = Text[_cursor];
            var bytes = Utf8Length(c);
            index += bytes;
            column += bytes;
            if (c is '\r' or '\n')
            {
                line++;
                column = 1;
            }
        }

        Position = new SourcePosition(index, line, column);
    }

    // libs counts bytes of the UTF-8 text; a surrogate pair is one 4-byte character.
    private static int Utf8Length(char c) => c switch
    {
        < '\u0080' => 1,
        < '\u0800' => 2,
        _ when char.IsHighSurrogate(c) => 4,
        _ when char.IsLowSurrogate(c) => 0,
        _ => 3,
    };
}
