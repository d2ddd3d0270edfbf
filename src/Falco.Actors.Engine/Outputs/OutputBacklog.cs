using Akka.Actor;
using Falco.Actors.Engine.Cluster;

namespace Falco.Actors.Engine.Outputs;

/// <summary>
/// How many alerts each output has been sent and not yet written, and the back-pressure that follows: busy when one
/// output's backlog passes the high-water mark, calm again when every backlog is back under the low-water mark, each
/// change published as <see cref="OutputPressure"/> (sources hold their credits while busy, which keeps memory
/// bounded whatever the input). In a cluster the confirmations to the guardians (<see cref="SourceAlertsWritten"/>)
/// are held while busy, the latest per source, so the guardians hold their credits too. Not thread-safe: one owner.
/// </summary>
public sealed class OutputBacklog
{
    private readonly IReadOnlyList<string> _outputs;
    private readonly Dictionary<string, long> _queued = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (IActorRef Guardian, SourceAlertsWritten Confirmation)> _held = new(StringComparer.Ordinal);
    private readonly int _highWater;
    private readonly int _lowWater;
    private readonly Action<OutputPressure> _publish;

    /// <param name="outputs">The outputs' names, one per output.</param>
    /// <param name="publish">Where pressure changes go (the router: the actor system's event stream).</param>
    public OutputBacklog(IReadOnlyList<string> outputs, int highWater, int lowWater, Action<OutputPressure> publish)
    {
        _outputs = outputs;
        foreach (var output in outputs)
        {
            _queued[output] = 0;
        }
        _highWater = highWater;
        _lowWater = lowWater;
        _publish = publish;
    }

    public bool Busy { get; private set; }

    /// <summary>Every output has written everything it was sent.</summary>
    public bool IsEmpty
    {
        get
        {
            foreach (var queued in _queued.Values)
            {
                if (queued > 0)
                {
                    return false;
                }
            }
            return true;
        }
    }

    /// <summary><paramref name="count"/> alerts were sent to every output.</summary>
    public void Sent(int count)
    {
        foreach (var output in _outputs)
        {
            _queued[output] += count;
        }
        Update();
    }

    /// <summary>An output wrote (or gave up) <paramref name="count"/> alerts.</summary>
    public void Written(string output, int count)
    {
        _queued[output] -= count;
        Update();
    }

    /// <summary>Tells <paramref name="guardian"/> its batches are written, at once, or when the outputs are no longer busy.</summary>
    public void Confirm(IActorRef guardian, SourceAlertsWritten confirmation)
    {
        if (Busy)
        {
            _held[confirmation.Source] = (guardian, confirmation); // cumulative: the latest says it all
        }
        else
        {
            guardian.Tell(confirmation);
        }
    }

    private void Update()
    {
        var highest = 0L;
        foreach (var queued in _queued.Values)
        {
            highest = Math.Max(highest, queued);
        }
        var busy = Busy ? highest > _lowWater : highest > _highWater;
        if (busy == Busy)
        {
            return;
        }
        Busy = busy;
        _publish(new OutputPressure(busy));
        if (!busy)
        {
            foreach (var (guardian, confirmation) in _held.Values)
            {
                guardian.Tell(confirmation);
            }
            _held.Clear();
        }
    }
}
