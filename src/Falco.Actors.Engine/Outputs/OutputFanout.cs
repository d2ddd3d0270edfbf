using Akka.Actor;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs.Sinks;

namespace Falco.Actors.Engine.Outputs;

/// <summary>
/// The router's outputs: one <see cref="OutputSinkActor"/> per sink (started as the owner's children, each with a
/// queue of its own of <c>capacity</c> alerts), each sent every alert batch in the same order, never waited for, and
/// flushed together on a drain: the sink actors answer their owner <see cref="SinkFlushed"/> per flush, once what they
/// held is written (or counted as lost). Not thread-safe: one owner.
/// </summary>
public sealed class OutputFanout
{
    private readonly List<IActorRef> _actors = [];
    private int _flushesPending;

    /// <param name="capacity">Each output's queue (<c>outputs_queue.capacity</c>).</param>
    /// <param name="reportProgress">
    /// Each output flushes after each chunk and tells the owner how far it has written (<see cref="AlertsWritten"/>):
    /// when written positions are kept.
    /// </param>
    public OutputFanout(IActorRefFactory owner, IReadOnlyList<IAlertSink> sinks, EngineStatistics stats, int capacity, bool reportProgress = false)
    {
        var names = new List<string>(sinks.Count);
        for (var i = 0; i < sinks.Count; i++)
        {
            _actors.Add(owner.ActorOf(OutputSinkActor.Props(sinks[i], stats, capacity, reportProgress), $"output-{i}-{sinks[i].Name}"));
            names.Add(sinks[i].Name);
        }
        Names = names;
    }

    /// <summary>The outputs' names, one per output, in order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>A flush has been asked and not every output has answered.</summary>
    public bool Flushing => _flushesPending > 0;

    public void Write(IReadOnlyList<FormattedAlert> alerts)
    {
        var message = new WriteAlerts(alerts);
        foreach (var actor in _actors)
        {
            actor.Tell(message);
        }
    }

    /// <summary>Asks every output to reopen (log rotation) after what it was sent so far.</summary>
    public void Reopen()
    {
        foreach (var actor in _actors)
        {
            actor.Tell(ReopenSink.Instance);
        }
    }

    /// <summary>Asks every output to flush; false when there is none (nothing to wait for).</summary>
    public bool Flush()
    {
        _flushesPending = _actors.Count;
        foreach (var actor in _actors)
        {
            actor.Tell(new FlushSink());
        }
        return _actors.Count > 0;
    }

    /// <summary>An output answered its flush; true when it was the last one.</summary>
    public bool Flushed() => --_flushesPending == 0;
}
