using Akka.Actor;
using Falco.Actors.Engine.Cluster;

namespace Falco.Actors.Engine.Outputs;

/// <summary>
/// The router's view of which outputs hold the sources (<see cref="OutputHolding"/>: a healthy output whose queue is
/// past half full), and the back-pressure that follows: busy while one does, each change published as
/// <see cref="OutputPressure"/> (sources hold their credits while busy, so a healthy output that is merely the
/// slowest loses nothing). An output that fails never holds: it drops instead, so a stuck output never stalls the
/// sources. In a cluster the confirmations to the guardians (<see cref="SourceAlertsWritten"/>) are held while busy,
/// the latest per source, so the guardians hold their credits too. Not thread-safe: one owner.
/// </summary>
public sealed class OutputPressureGauge(Action<OutputPressure> publish)
{
    private readonly HashSet<string> _holding = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (IActorRef Guardian, SourceAlertsWritten Confirmation)> _held = new(StringComparer.Ordinal);

    public bool Busy => _holding.Count > 0;

    /// <summary>An output starts or stops holding the sources.</summary>
    public void Update(OutputHolding holding)
    {
        var wasBusy = Busy;
        if (holding.Holding)
        {
            _holding.Add(holding.Output);
        }
        else
        {
            _holding.Remove(holding.Output);
        }
        if (Busy == wasBusy)
        {
            return;
        }
        publish(new OutputPressure(Busy));
        if (!Busy)
        {
            foreach (var (guardian, confirmation) in _held.Values)
            {
                guardian.Tell(confirmation);
            }
            _held.Clear();
        }
    }

    /// <summary>Tells <paramref name="guardian"/> its batches are queued to every output, at once, or when no output holds.</summary>
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
}
