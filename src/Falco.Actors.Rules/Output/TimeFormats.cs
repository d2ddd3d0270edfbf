namespace Falco.Actors.Rules.Output;

/// <summary>
/// The JSON alert's timestamp text, from nanoseconds since the Unix epoch. The <c>evt.time*</c> texts are the
/// generic fields' own (<see cref="Fields.Generic.GenericEventExtractor"/>), written without allocating.
/// </summary>
public static class TimeFormats
{
    /// <summary>The JSON alert's <c>time</c>: UTC, 9 fractional digits, <c>Z</c> (falco <c>formats.cpp</c>).</summary>
    public static string JsonTime(ulong timestampNs) =>
        $"{Utc(timestampNs):yyyy-MM-dd'T'HH:mm:ss}.{timestampNs % 1_000_000_000:D9}Z";

    private static DateTime Utc(ulong timestampNs) =>
        DateTime.UnixEpoch.AddTicks((long)(timestampNs / 1_000_000_000 * TimeSpan.TicksPerSecond));
}
