using System.Globalization;

namespace Falco.Actors.Plugins.CloudTrail.Reading;

/// <summary>
/// The text of a place in a cloudtrail stream of files: <c>ct1:&lt;records&gt;:&lt;file&gt;</c>, where
/// <c>&lt;records&gt;</c> is how many events (accepted records) of the file came before the place, in decimal, and
/// <c>&lt;file&gt;</c> is the file's name as listed (local path or S3 key), everything after the second colon, so
/// any character may appear in it. <c>ct1</c> is the format's version.
/// </summary>
public static class ResumePosition
{
    private const string Prefix = "ct1:";

    public static string Format(string file, ulong recordsBefore) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{recordsBefore}:{file}");

    /// <summary>Reads a position; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string text, out string file, out ulong recordsBefore, out string error)
    {
        file = "";
        recordsBefore = 0;
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            error = "not a cloudtrail position (expected ct1:<records>:<file>)";
            return false;
        }
        var colon = text.IndexOf(':', Prefix.Length);
        if (colon < 0 || !ulong.TryParse(text.AsSpan(Prefix.Length, colon - Prefix.Length), NumberStyles.None,
                CultureInfo.InvariantCulture, out recordsBefore))
        {
            error = "the record count is not a decimal number (expected ct1:<records>:<file>)";
            return false;
        }
        file = text[(colon + 1)..];
        if (file.Length == 0)
        {
            error = "the file name is empty (expected ct1:<records>:<file>)";
            return false;
        }
        error = "";
        return true;
    }
}
