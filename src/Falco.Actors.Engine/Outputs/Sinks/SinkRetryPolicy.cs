namespace Falco.Actors.Engine.Outputs.Sinks;

/// <summary>
/// How <see cref="RetryingAlertSink"/> retries: at most <see cref="MaxAttempts"/> tries per alert, each bounded by
/// <see cref="AttemptTimeout"/> (Falco's <c>output_timeout</c>), with back-off doubling from
/// <see cref="InitialBackoff"/> up to <see cref="MaxBackoff"/> between tries.
/// </summary>
public sealed record SinkRetryPolicy(int MaxAttempts, TimeSpan AttemptTimeout, TimeSpan InitialBackoff, TimeSpan MaxBackoff)
{
    public static readonly SinkRetryPolicy Default =
        new(MaxAttempts: 3, AttemptTimeout: TimeSpan.FromSeconds(2), InitialBackoff: TimeSpan.FromMilliseconds(100), MaxBackoff: TimeSpan.FromSeconds(2));
}

/// <summary>A failed delivery: which sink, which alert (null for a flush), which try, and whether the alert was given up.</summary>
public sealed record SinkFailure(string SinkName, FormattedAlert? Alert, int Attempt, Exception Error, bool GaveUp);
