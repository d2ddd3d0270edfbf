namespace Falco.Actors.Plugins.Native;

/// <summary>A plugin API version (major.minor.patch) and the loader's compatibility rule (plugin-api §6.3).</summary>
public readonly record struct ApiVersion(uint Major, uint Minor, uint Patch)
{
    /// <summary>
    /// Parses like libs' <c>sscanf("%u.%u.%u")</c>: three dot-separated numbers, anything after the third number
    /// (such as "-rc1") ignored.
    /// </summary>
    public static bool TryParse(string? text, out ApiVersion version)
    {
        version = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        Span<uint> parts = stackalloc uint[3];
        var at = 0;
        for (var i = 0; i < 3; i++)
        {
            if (i > 0)
            {
                if (at >= text.Length || text[at] != '.')
                {
                    return false;
                }
                at++;
            }
            var start = at;
            ulong value = 0;
            while (at < text.Length && char.IsAsciiDigit(text[at]))
            {
                value = value * 10 + (ulong)(text[at] - '0');
                if (value > uint.MaxValue)
                {
                    return false;
                }
                at++;
            }
            if (at == start)
            {
                return false;
            }
            parts[i] = (uint)value;
        }
        version = new ApiVersion(parts[0], parts[1], parts[2]);
        return true;
    }

    /// <summary>
    /// True when a host of this version accepts a plugin requiring <paramref name="required"/>: same major, and the
    /// host's minor.patch at least the plugin's.
    /// </summary>
    public bool Accepts(ApiVersion required) =>
        Major == required.Major
        && (Minor > required.Minor || (Minor == required.Minor && Patch >= required.Patch));

    public override string ToString() => $"{Major}.{Minor}.{Patch}";
}
