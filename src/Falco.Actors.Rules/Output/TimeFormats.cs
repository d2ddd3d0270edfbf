namespace Falco.Actors.Rules.Output;

/// <summary>The timestamp texts of Falco alerts, from nanoseconds since the Unix epoch.</summary>
public static class TimeFormats
{
    /// <summary>The JSON alert's <c>time</c>: UTC, 9 fractional digits, <c>Z</c> (falco <c>formats.cpp</c>).</summary>
    public static string JsonTime(ulong timestampNs) =>
        $"{Utc(timestampNs):yyyy-MM-dd'T'HH:mm:ss}.{timestampNs % 1_000_000_000:D9}Z";

    /// <summary><c>%evt.time.iso8601</c>: UTC with 9 fractional digits and <c>+0000</c>.</summary>
    public static string Iso8601(ulong timestampNs) =>
        $"{Utc(timestampNs):yyyy-MM-dd'T'HH:mm:ss}.{timestampNs % 1_000_000_000:D9}+0000";

    /// <summary><c>%evt.time</c>: local time of day with 9 fractional digits (<c>HH:MM:SS.nnnnnnnnn</c>).</summary>
    public static string LocalTimeOfDay(ulong timestampNs, TimeZoneInfo? zone = null) =>
        $"{TimeZoneInfo.ConvertTimeFromUtc(Utc(timestampNs), zone ?? TimeZoneInfo.Local):HH:mm:ss}.{timestampNs % 1_000_000_000:D9}";

    private static DateTime Utc(ulong timestampNs) =>
        DateTime.UnixEpoch.AddTicks((long)(timestampNs / 1_000_000_000 * TimeSpan.TicksPerSecond));
}
