namespace Falco.Actors.Rules.Filter.Evaluation;

/// <summary>
/// pmatch: a path matches a prefix when every '/'-separated component of the prefix glob-matches the path's
/// component at the same depth (wildcards do not cross '/'): <c>/opt/*</c> matches <c>/opt/dir/file</c>,
/// <c>/tmp/hello</c> does not match <c>/tmp/hello_world</c>.
/// </summary>
internal static class PathPrefix
{
    public static bool Matches(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> path)
    {
        var pi = 0;
        var ti = 0;
        while (true)
        {
            var prefixPart = NextComponent(prefix, ref pi);
            if (prefixPart.IsEmpty && pi >= prefix.Length)
            {
                return true;
            }
            var pathPart = NextComponent(path, ref ti);
            if (pathPart.IsEmpty && ti >= path.Length)
            {
                return false;
            }
            if (!GlobMatcher.Match(prefixPart, pathPart, pathName: true))
            {
                return false;
            }
        }
    }

    /// <summary>The next non-empty component from <paramref name="at"/>, skipping separators.</summary>
    private static ReadOnlySpan<byte> NextComponent(ReadOnlySpan<byte> text, ref int at)
    {
        while (at < text.Length && text[at] == (byte)'/')
        {
            at++;
        }
        var start = at;
        while (at < text.Length && text[at] != (byte)'/')
        {
            at++;
        }
        return text[start..at];
    }
}
