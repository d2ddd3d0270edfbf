using System.Collections.Immutable;
using System.Globalization;
using Akka.DistributedData;
using Falco.Actors.Engine.Sources;

namespace Falco.Actors.Engine.Cluster;

/// <summary>
/// The routers' <see cref="SourceWrites"/> replicated with Akka.DistributedData (one LWW dictionary of texts, a few
/// entries per source, in memory only), so a router that takes over from a dead or leaving one starts where it
/// stopped, and every source node sees when the sources have finished. One dictionary, written in one update, so a
/// source's number and plugin position never come from two different publications.
/// </summary>
public static class WrittenPositions
{
    public static readonly LWWDictionaryKey<string, string> Key = new("falco-written-positions-2");

    public static SourceWrites Read(LWWDictionary<string, string> data, string source) => new(
        Epoch: GetLong(data, source, "epoch"),
        LastSeq: GetLong(data, source, "seq"),
        WrittenThrough: (ulong)GetLong(data, source, "through"),
        At: GetPosition(data, source),
        Finished: GetLong(data, source, "finished") != 0);

    /// <summary>Every source's <see cref="SourceWrites"/> in <paramref name="data"/>.</summary>
    public static ImmutableDictionary<string, SourceWrites> ReadAll(LWWDictionary<string, string> data) =>
        ImmutableDictionary.CreateRange(StringComparer.Ordinal, Sources(data).Select(source => KeyValuePair.Create(source, Read(data, source))));

    public static bool IsFinished(LWWDictionary<string, string> data, string source) => GetLong(data, source, "finished") != 0;

    public static IEnumerable<string> Sources(LWWDictionary<string, string> data) =>
        data.Keys.Where(k => k.EndsWith("\nepoch", StringComparison.Ordinal)).Select(k => k[..^"\nepoch".Length]);

    public static LWWDictionary<string, string> Write(LWWDictionary<string, string> data, Akka.Cluster.Cluster node,
        IEnumerable<KeyValuePair<string, SourceWrites>> writes)
    {
        foreach (var (source, w) in writes)
        {
            data = data.SetItem(node, Name(source, "epoch"), Text(w.Epoch))
                .SetItem(node, Name(source, "seq"), Text(w.LastSeq))
                .SetItem(node, Name(source, "through"), Text((long)w.WrittenThrough))
                .SetItem(node, Name(source, "finished"), w.Finished ? "1" : "0");
            if (w.At is { } at)
            {
                // "<through> <position>": the number and the plugin's text it belongs to, in one entry.
                data = data.SetItem(node, Name(source, "at"), Text((long)at.Through) + " " + at.Position);
            }
        }
        return data;
    }

    private static StreamPosition? GetPosition(LWWDictionary<string, string> data, string source)
    {
        if (!data.TryGetValue(Name(source, "at"), out var text))
        {
            return null;
        }
        var space = text.IndexOf(' ');
        if (space < 1 || !ulong.TryParse(text.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var through))
        {
            return null;
        }
        return new StreamPosition(through, text[(space + 1)..]);
    }

    private static long GetLong(LWWDictionary<string, string> data, string source, string what) =>
        data.TryGetValue(Name(source, what), out var text)
        && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Name(string source, string what) => source + "\n" + what;
}
