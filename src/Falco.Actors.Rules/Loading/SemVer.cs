using System.Globalization;

namespace Falco.Actors.Rules.Loading;

/// <summary>
/// A <c>major.minor.patch</c> version as libsinsp's <c>sinsp_version</c> reads it: three decimal numbers at the start
/// of the text; anything after the patch number (<c>-rc1</c>, <c>+build</c>) is ignored.
/// </summary>
public readonly record struct SemVer(uint Major, uint Minor, uint Patch) : IComparable<SemVer>
{
    public static bool TryParse(string? text, out SemVer version)
    {
        version = default;
        if (text is null)
        {
            return false;
        }
        var rest = text.AsSpan().TrimStart();
        if (!TakeNumber(ref rest, out var major) || !TakeDot(ref rest)
            || !TakeNumber(ref rest, out var minor) || !TakeDot(ref rest)
            || !TakeNumber(ref rest, out var patch))
        {
            return false;
        }
        version = new SemVer(major, minor, patch);
        return true;
    }

    public static SemVer Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not a \"x.y.z\" semver string");

    /// <summary>True when this version satisfies a requirement: same major and at least as new (sinsp_version::compatible_with).</summary>
    public bool IsCompatibleWith(SemVer required) => Major == required.Major && CompareTo(required) >= 0;

    public int CompareTo(SemVer other)
    {
        var c = Major.CompareTo(other.Major);
        if (c != 0)
        {
            return c;
        }
        c = Minor.CompareTo(other.Minor);
        return c != 0 ? c : Patch.CompareTo(other.Patch);
    }

    public static bool operator <(SemVer a, SemVer b) => a.CompareTo(b) < 0;
    public static bool operator >(SemVer a, SemVer b) => a.CompareTo(b) > 0;
    public static bool operator <=(SemVer a, SemVer b) => a.CompareTo(b) <= 0;
    public static bool operator >=(SemVer a, SemVer b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"{Major}.{Minor}.{Patch}";

    private static bool TakeNumber(ref ReadOnlySpan<char> rest, out uint value)
    {
        var length = 0;
        while (length < rest.Length && char.IsAsciiDigit(rest[length]))
        {
            length++;
        }
        value = 0;
        if (length == 0 || !uint.TryParse(rest[..length], NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }
        rest = rest[length..];
        return true;
    }

    private static bool TakeDot(ref ReadOnlySpan<char> rest)
    {
        if (rest.IsEmpty || rest[0] != '.')
        {
            return false;
        }
        rest = rest[1..];
        return true;
    }
}
