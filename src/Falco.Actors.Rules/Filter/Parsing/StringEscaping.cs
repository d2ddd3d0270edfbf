using System.Globalization;
using System.Text;

namespace Falco.Actors.Rules.Filter.Parsing;

/// <summary>
/// Quoted-string escapes of the filter language (libs <c>filter/escaping.cpp</c>, master: incl. <c>\xHH</c>).
/// </summary>
public static class StringEscaping
{
    /// <summary>
    /// The value of a quoted token, delimiters included (<c>"a \"b\""</c> or <c>'it\'s'</c>):
    /// <c>\b \f \n \r \t \\ \/</c>, <c>\ </c> (legacy: a lone backslash), <c>\"</c> only inside <c>"…"</c>,
    /// <c>\'</c> only inside <c>'…'</c>, <c>\xHH</c> (a byte; here the char with that code).
    /// </summary>
    /// <exception cref="FormatException">An escape Falco rejects; the message is libs' wording.</exception>
    public static string Unescape(string quoted)
    {
        ArgumentNullException.ThrowIfNull(quoted);
        if (quoted.Length < 2 || quoted[0] is not ('"' or '\'') || quoted[^1] != quoted[0])
        {
            throw new ArgumentException("expected a string enclosed in matching quotes", nameof(quoted));
        }

        return TryUnescape(quoted, out var value, out var error) ? value : throw new FormatException(error);
    }

    /// <summary><see cref="Unescape"/> without exceptions; <paramref name="error"/> is libs' message.</summary>
    internal static bool TryUnescape(string quoted, out string value, out string? error)
    {
        var delimiter = quoted[0];
        var result = new StringBuilder(quoted.Length);
        var end = quoted.Length - 1;
        for (var i = 1; i < end; i++)
        {
            var c = quoted[i];
            if (c != '\\')
            {
                result.Append(c);
                continue;
            }

            // The lexer never ends a token on an escaped delimiter, so a backslash always has a successor here.
            var escaped = ++i < end ? quoted[i] : delimiter;
            switch (escaped)
            {
                case 'b': result.Append('\b'); break;
                case 'f': result.Append('\f'); break;
                case 'n': result.Append('\n'); break;
                case 'r': result.Append('\r'); break;
                case 't': result.Append('\t'); break;
                case ' ': // legacy tolerance for wrongly escaped rules: "\ " is one backslash
                case '\\': result.Append('\\'); break;
                case '/': result.Append('/'); break;
                case '"' when delimiter != '"':
                    return Fail("invalid \\\" escape in '-quoted string", out value, out error);
                case '\'' when delimiter != '\'':
                    return Fail("invalid \\' escape in \"-quoted string", out value, out error);
                case '"' or '\'': result.Append(escaped); break;
                case 'x' when i + 2 < end && IsHex(quoted[i + 1]) && IsHex(quoted[i + 2]):
                    result.Append((char)int.Parse(quoted.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 2;
                    break;
                default:
                    return Fail($"unsupported string escape sequence: \\{escaped}", out value, out error);
            }
        }

        value = result.ToString();
        error = null;
        return true;
    }

    /// <summary>
    /// libs' <c>escape_str</c> as used by <c>as_string</c>: the value itself when it needs no quoting, else the value
    /// in double quotes with <c>\</c>, <c>"</c> and control characters escaped (<c>\b \f \n \r \t</c>, others as
    /// <c>\xHH</c>). libs quotes a value holding a blank, <c>=</c>, a backslash, a quote or a control character; here
    /// also the empty string and <c>( ) ,</c>, and a trailing backslash prints as <c>\ </c>, so that a printed value
    /// always parses back to itself.
    /// </summary>
    public static string QuoteIfNeeded(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var result = new StringBuilder(value.Length + 2);
        var quote = false;
        foreach (var c in value)
        {
            var escape = c switch
            {
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\\' => "\\\\",
                '"' => "\\\"",
                _ when char.IsControl(c) && c < '\u0100' => $"\\x{(int)c:x2}",
                _ => null,
            };
            quote |= escape is not null || c is ' ' or '=' or '\'' or '(' or ')' or ',';
            if (escape is null)
            {
                result.Append(c);
            }
            else
            {
                result.Append(escape);
            }
        }

        if (value.EndsWith('\\'))
        {
            // The lexer never ends a string on a quote right after a backslash, so "a\\" would not terminate;
            // Falco's legacy "\ " (backslash-space) escape also means one backslash and is safe before the quote.
            result.Length -= 2;
            result.Append("\\ ");
        }

        return quote || value.Length == 0 ? $"\"{result}\"" : value;
    }

    /// <summary>
    /// Falco's <c>quote_item</c> for list and exception items substituted into a condition: an item with a space
    /// that does not already start with a quote is wrapped in double quotes (inner quotes are not escaped).
    /// </summary>
    public static string QuoteListItem(string item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Contains(' ') && !item.StartsWith('"') && !item.StartsWith('\'') ? $"\"{item}\"" : item;
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static bool Fail(string message, out string value, out string? error)
    {
        value = string.Empty;
        error = message;
        return false;
    }
}
