using Akka.DistributedData;

namespace Falco.Actors.Engine.OutputActors;

/// <summary>
/// The routers' <see cref="SourceWrites"/> replicated with Akka.DistributedData (one LWW dictionary, four entries per
/// source, in memory only), so a router that takes over from a dead or leaving one starts where it stopped, and every
/// source node sees when the sources have finished.
/// </summary>
public static class WrittenPositions
{
    public static readonly LWWDictionaryKey<string, long> Key = new("falco-written-positions");

    public static SourceWrites Read(LWWDictionary<string, long> data, string source) => new()
    {
        Epoch = Get(data, source, "epoch"),
        LastSeq = Get(data, source, "seq"),
        WrittenThrough = (ulong)Get(data, source, "through"),
        Finished = Get(data, source, "finished") != 0,
    };

    public static bool IsFinished(LWWDictionary<string, long> data, string source) => Get(data, source, "finished") != 0;

    public static IEnumerable<string> Sources(LWWDictionary<string, long> data) =>
        data.Keys.Where(k => k.EndsWith("\nepoch", StringComparison.Ordinal)).Select(k => k[..^"\nepoch".Length]);

    public static LWWDictionary<string, long> Write(LWWDictionary<string, long> data, Akka.Cluster.Cluster node,
        IEnumerable<(string Source, long Epoch, long LastSeq, ulong WrittenThrough, bool Finished)> writes)
    {
        foreach (var w in writes)
        {
            data = data.SetItem(node, Name(w.Source, "epoch"), w.Epoch)
                .SetItem(node, Name(w.Source, "seq"), w.LastSeq)
                .SetItem(node, Name(w.Source, "through"), (long)w.WrittenThrough)
                .SetItem(node, Name(w.Source, "finished"), w.Finished ? 1 : 0);
        }
        return data;
    }

    private static long Get(LWWDictionary<string, long> data, string source, string what) =>
        data.TryGetValue(Name(source, what), out var value) ? value : 0;

    private static string Name(string source, string what) => source + "\n" + what;
}
