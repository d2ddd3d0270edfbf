using System.Text;
using Falco.Actors.Rules.Fields.Values;

namespace Falco.Actors.Rules.Filter.Compilation;

/// <summary>
/// Adapts a pattern of RE2's POSIX syntax (what libsinsp compiles regex operands with) to .NET: POSIX bracket
/// classes (<c>[[:alpha:]]</c>) are expanded, and the Perl extensions RE2 rejects in POSIX mode (<c>\d \s \w \b</c>
/// and friends, <c>(?</c> groups) are rejected with RE2's message. Leftmost-longest vs leftmost-first does not
/// matter for a yes/no full match. Not checked: RE2's repetition limits and its rejection of <c>a**</c>.
/// </summary>
internal static class Re2Pattern
{
    private static readonly Dictionary<string, string> PosixClasses = new(StringComparer.Ordinal)
    {
        ["alpha"] = "a-zA-Z",
        ["digit"] = "0-9",
        ["alnum"] = "0-9A-Za-z",
        ["upper"] = "A-Z",
        ["lower"] = "a-z",
        ["space"] = @"\t\n\v\f\r ",
        ["blank"] = @"\t ",
        ["punct"] = @"!-/:-@\[-`{-~",
        ["xdigit"] = "0-9A-Fa-f",
        ["word"] = "0-9A-Za-z_",
        ["cntrl"] = @"\x00-\x1F\x7F",
        ["print"] = @"\x20-\x7E",
        ["graph"] = @"\x21-\x7E",
        ["ascii"] = @"\x00-\x7F",
    };

    public static string ToDotNet(string pattern)
    {
        var result = new StringBuilder(pattern.Length + 8);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[i + 1];
                if ("dDsSwWbBAzpPQEC".Contains(next))
                {
                    throw Invalid($"invalid escape sequence: \\{next}");
                }
                result.Append(c).Append(next);
                i++;
                continue;
            }
            if (inClass)
            {
                if (c == '[' && i + 1 < pattern.Length && pattern[i + 1] == ':')
                {
                    var end = pattern.IndexOf(":]", i + 2, StringComparison.Ordinal);
                    if (end > 0)
                    {
                        var name = pattern[(i + 2)..end];
                        var negated = name.StartsWith('^');
                        if (!PosixClasses.TryGetValue(negated ? name[1..] : name, out var set) || negated)
                        {
                            throw Invalid($"invalid character class range: [:{name}:]");
                        }
                        result.Append(set);
                        i = end + 1;
                        continue;
                    }
                }
                if (c == ']')
                {
                    inClass = false;
                }
                else if (c == '[')
                {
                    // A literal '[' inside a class must be escaped for .NET (class subtraction syntax).
                    result.Append('\\');
                }
                result.Append(c);
                continue;
            }
            if (c == '[')
            {
                inClass = true;
                result.Append(c);
                // A ']' right after '[' or '[^' is a literal member.
                if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                {
                    result.Append('^');
                    i++;
                }
                if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                {
                    result.Append(@"\]");
                    i++;
                }
                continue;
            }
            if (c == '(' && i + 1 < pattern.Length && pattern[i + 1] == '?')
            {
                throw Invalid("missing argument to repetition operator: ?");
            }
            result.Append(c);
        }
        return result.ToString();
    }

    private static FieldValueException Invalid(string reason) => new($"invalid regex pattern: {reason}");
}
