using Akka.Actor;
using Falco.Actors.Engine.Monitoring;

namespace Falco.Actors.Engine.Sources;

/// <summary>
/// A source's guardian on a single node (<see cref="SourceGuardian.Props"/>): its session starts at once, evaluators
/// send each batch's alerts straight to the output router, and when the source has finished it reports to its parent
/// (the coordinator). One behaviour from start to end.
/// </summary>
internal sealed class SingleNodeSourceGuardian : SourceGuardian
{
    private readonly IActorRef _outputs;

    public SingleNodeSourceGuardian(SourceSettings settings, IActorRef evaluators, IActorRef outputs, EngineStatistics stats)
        : base(settings, evaluators, stats)
    {
        _outputs = outputs;
        ReceiveSessionAndBatches();
    }

    private protected override IActorRef AlertsTo => _outputs;

    protected override void PreStart()
    {
        base.PreStart();
        StartSession();
    }

    private protected override void AllConfirmed() => Report(Context.Parent);
}
