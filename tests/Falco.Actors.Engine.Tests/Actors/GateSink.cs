using System.Collections.Concurrent;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Outputs.Sinks;

namespace Falco.Actors.Engine.Tests.Actors;

/// <summary>
/// An output stuck in its first write until <see cref="Release"/> (a server that accepts and never answers); with
/// <c>honourCancellation: false</c> it ignores its token too, as a write blocked in the kernel does.
/// </summary>
internal sealed class GateSink(string name, bool honourCancellation = true) : IAlertSink
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<FormattedAlert> _alerts = new();

    public string Name { get; } = name;

    public IReadOnlyList<FormattedAlert> Alerts => [.. _alerts];

    public bool Released => _gate.Task.IsCompleted;

    public void Release() => _gate.TrySetResult();

    public async ValueTask WriteAsync(FormattedAlert alert, CancellationToken cancellationToken = default)
    {
        await (honourCancellation ? _gate.Task.WaitAsync(cancellationToken) : _gate.Task);
        _alerts.Enqueue(alert);
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Release();
        return ValueTask.CompletedTask;
    }
}
