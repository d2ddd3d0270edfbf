namespace Falco.Actors.Plugins.CloudTrail.Reading;

/// <summary>
/// How many records and files were skipped, per <see cref="ProblemKind"/>: one per plugin state, shared by the
/// streams it opens, so its metrics count since the state was created (as get_metrics does). Added to on the owner's
/// thread; read with interlocked reads, so any thread may read it.
/// </summary>
public sealed class SkipCounts
{
    private readonly long[] _counts = new long[Enum.GetValues<ProblemKind>().Length];

    public void Add(ProblemKind kind) => Interlocked.Increment(ref _counts[(int)kind]);

    public long this[ProblemKind kind] => Interlocked.Read(ref _counts[(int)kind]);

    /// <summary>Every counted kind under its metric name (zeros included, so a scrape sees each from the start).</summary>
    public IReadOnlyList<Abstractions.PluginMetric> ToMetrics() =>
        [.. ProblemKinds.Counted.Select(k => new Abstractions.PluginMetric(ProblemKinds.MetricName(k), Abstractions.PluginMetricType.Monotonic, this[k]))];
}
