using System.Globalization;
using System.Text.RegularExpressions;

namespace Falco.Actors.Plugins.CloudTrail.Config;

/// <summary>
/// The <c>s3Interval</c> setting: one endpoint (<c>&lt;N&gt;&lt;w|d|h|m|s&gt;</c> ago, or an RFC 3339 time
/// <c>YYYY-MM-DDTHH:MM:SSZ</c>) meaning "from then to now", or a range <c>&lt;start&gt;-&lt;end&gt;</c>. Log files
/// are selected by the time in their name (<c>..._CloudTrail_&lt;region&gt;_YYYYMMDDTHHmmZ_...</c>), compared at
/// minute precision; names without that pattern (digest files) are not filtered.
/// </summary>
public sealed partial record S3Interval(DateTime Start, DateTime End)
{
    [GeneratedRegex(@"^(.*)\s*-\s*(\d+[wdhms]|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)$")]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"^(\d+)([wdhms])$")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@".*_CloudTrail_[^_]+_([^_]+)Z_")]
    private static partial Regex KeyTimePattern();

    public string StartStamp => Start.ToString("yyyyMMdd'T'HHmm", CultureInfo.InvariantCulture);

    public string EndStamp => End.ToString("yyyyMMdd'T'HHmm", CultureInfo.InvariantCulture);

    public static S3Interval Parse(string text, DateTime nowUtc)
    {
        try
        {
            DateTime start, end;
            var range = RangePattern().Match(text);
            if (range.Success)
            {
                start = Endpoint(range.Groups[1].Value.Trim(), nowUtc);
                end = Endpoint(range.Groups[2].Value, nowUtc);
            }
            else
            {
                start = Endpoint(text.Trim(), nowUtc);
                end = nowUtc;
            }
            if (end < start)
            {
                throw new CloudTrailException(
                    $"cloudtrail start time {GoTime(start)} must be less than end time {GoTime(end)}");
            }
            return new S3Interval(start, end);
        }
        catch (FormatException e)
        {
            throw new CloudTrailException($"cloudtrail invalid interval: \"{text}\": {e.Message}", e);
        }
    }

    /// <summary>True when the key's name time is inside the interval, or the key has no name time.</summary>
    public bool Contains(string key)
    {
        var m = KeyTimePattern().Match(key);
        if (!m.Success)
        {
            return true;
        }
        var stamp = m.Groups[1].Value;
        return string.CompareOrdinal(stamp, StartStamp) >= 0 && string.CompareOrdinal(stamp, EndStamp) <= 0;
    }

    private static DateTime Endpoint(string text, DateTime nowUtc)
    {
        var d = DurationPattern().Match(text);
        if (d.Success)
        {
            var n = long.Parse(d.Groups[1].Value, CultureInfo.InvariantCulture);
            var span = d.Groups[2].Value switch
            {
                "w" => TimeSpan.FromDays(7 * n),
                "d" => TimeSpan.FromDays(n),
                "h" => TimeSpan.FromHours(n),
                "m" => TimeSpan.FromMinutes(n),
                _ => TimeSpan.FromSeconds(n),
            };
            return nowUtc - span;
        }
        if (DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t))
        {
            return t;
        }
        throw new FormatException($"cannot parse \"{text}\" as a duration (<N><w|d|h|m|s>) or a time (YYYY-MM-DDTHH:MM:SSZ)");
    }

    private static string GoTime(DateTime t) =>
        t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " +0000 UTC";
}
