using Falco.Actors.Engine.Monitoring;

namespace Falco.Actors.Engine.Outputs;

/// <summary>
/// <c>outputs.rate</c> applied to alerts on their way to the outputs: each takes a token from the
/// <see cref="TokenBucket"/>, and one that finds none is counted as dropped (<c>outputs.rate</c>), as Falco drops it.
/// Not thread-safe: one owner.
/// </summary>
public sealed class AlertRateLimit(TokenBucket bucket, EngineStatistics stats)
{
    private const string DroppedKey = "outputs.rate"; // the reason in statistics and /metrics

    /// <summary>The alerts let through, in order: <paramref name="alerts"/> itself when the limit is off.</summary>
    public IReadOnlyList<FormattedAlert> Admit(IReadOnlyList<FormattedAlert> alerts)
    {
        if (!bucket.IsEnabled || alerts.Count == 0)
        {
            return alerts;
        }
        var kept = new List<FormattedAlert>(alerts.Count);
        foreach (var alert in alerts)
        {
            if (bucket.TryClaim())
            {
                kept.Add(alert);
            }
            else
            {
                stats.AddDropped(DroppedKey);
            }
        }
        return kept;
    }
}
