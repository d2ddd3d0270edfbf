namespace Falco.Actors.Engine.Outputs.Sinks;

/// <summary>
/// Wraps a sink so that a failing output never stops or blocks the engine: every attempt is bounded by a
/// timeout, a failed attempt is retried with back-off up to the policy's limit, every failure is reported to
/// <see cref="Failed"/> and counted, and an alert that still fails is dropped (counted in <see cref="Dropped"/>),
/// never thrown to the caller. Only the caller's own cancellation is thrown.
/// <para>
/// An attempt runs off the caller's thread, so a sink that blocks without awaiting (a FIFO with no reader, a pipe
/// nobody reads) cannot hold the caller past the timeout either. An attempt abandoned at its timeout may still be
/// blocked in the background: until it ends, every further attempt fails at once instead of piling up more blocked
/// threads on the same output.
/// </para>
/// </summary>
public sealed class RetryingAlertSink : IAlertSink
{
    private readonly IAlertSink _inner;
    private readonly SinkRetryPolicy _policy;
    private readonly TimeProvider _time;
    private long _delivered;
    private long _failedAttempts;
    private long _dropped;
    private Task? _abandoned; // an attempt given up at its timeout that has not ended yet

    public RetryingAlertSink(IAlertSink inner, SinkRetryPolicy? policy = null, TimeProvider? time = null)
    {
        _inner = inner;
        _policy = policy ?? SinkRetryPolicy.Default;
        _time = time ?? TimeProvider.System;
        if (_policy.MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(policy), "MaxAttempts must be at least 1");
        }
    }

    /// <summary>Raised for every failed attempt (and a failed flush), on the caller's thread.</summary>
    public event Action<SinkFailure>? Failed;

    public string Name => _inner.Name;

    public IAlertSink Inner => _inner;

    public long Delivered => Interlocked.Read(ref _delivered);

    public long FailedAttempts => Interlocked.Read(ref _failedAttempts);

    public long Dropped => Interlocked.Read(ref _dropped);

    public async ValueTask WriteAsync(FormattedAlert alert, CancellationToken cancellationToken = default)
    {
        var backoff = _policy.InitialBackoff;
        for (var attempt = 1; ; attempt++)
        {
            var error = await TryAsync(ct => _inner.WriteAsync(alert, ct), cancellationToken);
            if (error is null)
            {
                Interlocked.Increment(ref _delivered);
                return;
            }
            var gaveUp = attempt >= _policy.MaxAttempts;
            Report(new SinkFailure(Name, alert, attempt, error, gaveUp));
            if (gaveUp)
            {
                Interlocked.Increment(ref _dropped);
                return;
            }
            await Task.Delay(backoff, _time, cancellationToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _policy.MaxBackoff.Ticks));
        }
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        var error = await TryAsync(ct => _inner.FlushAsync(ct), cancellationToken);
        if (error is not null)
        {
            Report(new SinkFailure(Name, null, 1, error, GaveUp: true));
        }
    }

    /// <summary>Reopens the output; a failure is reported like a failed flush (the next write opens it again anyway).</summary>
    public async ValueTask ReopenAsync(CancellationToken cancellationToken = default)
    {
        var error = await TryAsync(ct => _inner.ReopenAsync(ct), cancellationToken);
        if (error is not null)
        {
            Report(new SinkFailure(Name, null, 1, error, GaveUp: true));
        }
    }

    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    /// <summary>Runs one bounded attempt; returns its error, or null on success.</summary>
    private async Task<Exception?> TryAsync(Func<CancellationToken, ValueTask> operation, CancellationToken cancellationToken)
    {
        if (_abandoned is { IsCompleted: false })
        {
            return new TimeoutException($"{Name} output: still blocked in an attempt that timed out after {_policy.AttemptTimeout.TotalMilliseconds:0} ms");
        }
        _abandoned = null;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(_policy.AttemptTimeout);
        var running = Task.Run(() => operation(attempt.Token).AsTask(), CancellationToken.None);
        try
        {
            // WaitAsync bounds the wait even for an operation that ignores its token.
            await running.WaitAsync(_policy.AttemptTimeout, _time, cancellationToken);
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            if (!running.IsCompleted)
            {
                // The wait may end before the token's own timer fires, and disposing the source would then never
                // cancel it: cancel now, so the sink can still end what it started (kill a program, close a socket).
                Cancel(attempt);
                _abandoned = running.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default); // observed, never rethrown
            }
            return new TimeoutException($"{Name} output: timed out after {_policy.AttemptTimeout.TotalMilliseconds:0} ms", e);
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static void Cancel(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (AggregateException)
        {
            // A sink's cancellation callback failed; the attempt is abandoned either way.
        }
    }

    private void Report(SinkFailure failure)
    {
        Interlocked.Increment(ref _failedAttempts);
        Failed?.Invoke(failure);
    }
}
