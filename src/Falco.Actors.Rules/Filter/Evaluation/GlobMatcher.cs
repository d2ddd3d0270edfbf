namespace Falco.Actors.Rules.Filter.Evaluation;

/// <summary>
/// POSIX fnmatch over bytes (flags 0, or FNM_CASEFOLD): <c>*</c>, <c>?</c>, bracket classes <c>[a-z]</c>,
/// <c>[!x]</c>/<c>[^x]</c>, backslash escapes; the whole text must match. With <c>pathName</c> (FNM_PATHNAME),
/// wildcards and classes do not match '/', as pmatch needs per path component. Allocation-free.
/// </summary>
public static class GlobMatcher
{
    public static bool Match(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> text, bool caseFold = false, bool pathName = false)
    {
        int p = 0, t = 0;
        int starP = -1, starT = -1;
        while (t < text.Length)
        {
            if (p < pattern.Length)
            {
                var c = pattern[p];
                if (c == (byte)'*')
                {
                    starP = ++p;
                    starT = t;
                    continue;
                }
                if (c == (byte)'?' && !(pathName && text[t] == (byte)'/'))
                {
                    p++;
                    t++;
                    continue;
                }
                if (c == (byte)'[')
                {
                    var r = MatchClass(pattern, p, text[t], caseFold, pathName);
                    if (r > 0)
                    {
                        p = r;
                        t++;
                        continue;
                    }
                    if (r == 0 && Same((byte)'[', text[t], caseFold))
                    {
                        // An unterminated '[' is a literal.
                        p++;
                        t++;
                        continue;
                    }
                }
                else if (c != (byte)'?')
                {
                    var literal = c;
                    var next = p + 1;
                    if (c == (byte)'\\' && p + 1 < pattern.Length)
                    {
                        literal = pattern[p + 1];
                        next = p + 2;
                    }
                    if (Same(literal, text[t], caseFold))
                    {
                        p = next;
                        t++;
                        continue;
                    }
                }
            }
            // Backtrack: let the last '*' absorb one more byte (never a '/' with pathName).
            if (starP >= 0 && !(pathName && text[starT] == (byte)'/'))
            {
                p = starP;
                t = ++starT;
                continue;
            }
            return false;
        }
        while (p < pattern.Length && pattern[p] == (byte)'*')
        {
            p++;
        }
        return p == pattern.Length;
    }

    /// <summary>
    /// Matches one byte against the class starting at <paramref name="start"/> ('['): the index after the class
    /// when it matches, -1 when it does not, 0 when the class is not terminated (then '[' is literal).
    /// </summary>
    private static int MatchClass(ReadOnlySpan<byte> pattern, int start, byte ch, bool caseFold, bool pathName)
    {
        var i = start + 1;
        var negate = i < pattern.Length && pattern[i] is (byte)'!' or (byte)'^';
        if (negate)
        {
            i++;
        }
        var matched = false;
        var first = true;
        while (i < pattern.Length && (first || pattern[i] != (byte)']'))
        {
            first = false;
            var lo = pattern[i];
            if (lo == (byte)'\\' && i + 1 < pattern.Length)
            {
                lo = pattern[++i];
            }
            i++;
            var hi = lo;
            if (i + 1 < pattern.Length && pattern[i] == (byte)'-' && pattern[i + 1] != (byte)']')
            {
                hi = pattern[i + 1];
                if (hi == (byte)'\\' && i + 2 < pattern.Length)
                {
                    hi = pattern[++i + 1];
                }
                i += 2;
            }
            if (InRange(ch, lo, hi) || (caseFold && (InRange(Lower(ch), lo, hi) || InRange(Upper(ch), lo, hi))))
            {
                matched = true;
            }
        }
        if (i >= pattern.Length)
        {
            return 0;
        }
        if (pathName && ch == (byte)'/')
        {
            return -1;
        }
        return matched != negate ? i + 1 : -1;
    }

    private static bool InRange(byte c, byte lo, byte hi) => c >= lo && c <= hi;

    private static bool Same(byte a, byte b, bool caseFold) => a == b || (caseFold && Lower(a) == Lower(b));

    private static byte Lower(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b;

    private static byte Upper(byte b) => b is >= (byte)'a' and <= (byte)'z' ? (byte)(b - 32) : b;
}
