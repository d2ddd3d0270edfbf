using System.Collections.Concurrent;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Outputs.Sinks;

namespace Falco.Actors.Engine.Tests.Actors;

/// <summary>An output that keeps what it is given, optionally slowly, or failing every write.</summary>
internal sealed class RecordingSink(string name = "recording", TimeSpan? delay = null, bool fail = false) : IAlertSink
{
    private readonly ConcurrentQueue<FormattedAlert> _alerts = new();
    private int _writing;

    public string Name { get; } = name;

    public IReadOnlyList<FormattedAlert> Alerts => [.. _alerts];

    public int Flushes;

    /// <summary>Set when two writes ever overlapped (a sink is used by one caller at a time).</summary>
    public bool Overlapped { get; private set; }

    public bool Disposed { get; private set; }

    /// <summary>For each reopen, how many alerts had been written before it.</summary>
    public ConcurrentQueue<int> ReopenedAfter { get; } = new();

    public ValueTask ReopenAsync(CancellationToken cancellationToken = default)
    {
        ReopenedAfter.Enqueue(_alerts.Count);
        return ValueTask.CompletedTask;
    }

    public async ValueTask WriteAsync(FormattedAlert alert, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _writing) > 1)
        {
            Overlapped = true;
        }
        try
        {
            if (delay is { } d)
            {
                await Task.Delay(d, cancellationToken);
            }
            if (fail)
            {
                throw new AlertSinkException(Name, "the test output refuses every alert");
            }
            _alerts.Enqueue(alert);
        }
        finally
        {
            Interlocked.Decrement(ref _writing);
        }
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Flushes);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
