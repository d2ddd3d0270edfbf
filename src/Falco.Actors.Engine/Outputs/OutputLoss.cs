using Falco.Actors.Engine.Monitoring;

namespace Falco.Actors.Engine.Outputs;

/// <summary>How an output lost an alert.</summary>
public enum OutputLossKind
{
    /// <summary>Every attempt failed (<c>output_timeout</c>, an error): given up.</summary>
    GaveUp,

    /// <summary>The output's queue was full (<c>outputs_queue.capacity</c>): dropped without an attempt, as Falco drops.</summary>
    QueueFull,

    /// <summary>Still queued when the run ended while the output was failing: discarded, as Falco discards on stop.</summary>
    Discarded,
}

/// <summary>
/// Where each output's lost alerts are counted in <see cref="EngineStatistics"/> (the drop reasons
/// <c>output:&lt;name&gt;</c>, <c>outputs_queue:&lt;name&gt;</c>, <c>output_discarded:&lt;name&gt;</c>), and how they are
/// read back by /metrics and the end-of-run summary. <c>outputs.rate</c> drops are chosen by the configuration, not lost.
/// </summary>
public static class OutputLoss
{
    private static readonly (OutputLossKind Kind, string Prefix)[] Prefixes =
    [
        (OutputLossKind.GaveUp, "output:"),
        (OutputLossKind.QueueFull, "outputs_queue:"),
        (OutputLossKind.Discarded, "output_discarded:"),
    ];

    public static string Key(OutputLossKind kind, string output) => Prefixes[(int)kind].Prefix + output;

    /// <summary>The alerts each output lost in that way, by output name.</summary>
    public static Dictionary<string, long> Of(EngineStatisticsSnapshot stats, OutputLossKind kind)
    {
        var prefix = Prefixes[(int)kind].Prefix;
        return stats.Dropped
            .Where(d => d.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(d => d.Key[prefix.Length..], d => d.Value, StringComparer.Ordinal);
    }

    /// <summary>Every alert an output lost, whatever the way.</summary>
    public static long Total(EngineStatisticsSnapshot stats) =>
        stats.Dropped.Where(d => Prefixes.Any(p => d.Key.StartsWith(p.Prefix, StringComparison.Ordinal))).Sum(d => d.Value);

    /// <summary>
    /// One line per output that lost alerts: <c>http: 144 alert(s) lost (9 given up, 135 dropped: queue full)</c>.
    /// </summary>
    public static IEnumerable<string> Describe(EngineStatisticsSnapshot stats)
    {
        var gaveUp = Of(stats, OutputLossKind.GaveUp);
        var full = Of(stats, OutputLossKind.QueueFull);
        var discarded = Of(stats, OutputLossKind.Discarded);
        foreach (var output in gaveUp.Keys.Union(full.Keys).Union(discarded.Keys).Order(StringComparer.Ordinal))
        {
            var parts = new List<string>();
            if (gaveUp.GetValueOrDefault(output) is > 0 and var g)
            {
                parts.Add($"{g} given up after failed attempts");
            }
            if (full.GetValueOrDefault(output) is > 0 and var f)
            {
                parts.Add($"{f} dropped because its queue was full");
            }
            if (discarded.GetValueOrDefault(output) is > 0 and var d)
            {
                parts.Add($"{d} discarded at the end of the run (the output was still failing)");
            }
            var total = gaveUp.GetValueOrDefault(output) + full.GetValueOrDefault(output) + discarded.GetValueOrDefault(output);
            if (total > 0)
            {
                yield return $"{output} output lost {total} alert(s): {string.Join(", ", parts)}";
            }
        }
    }
}
