using Akka.Actor;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Pipeline;

namespace Falco.Actors.Engine.OutputActors;

/// <summary>
/// The node's output router: it puts each source's alert batches back in batch order (evaluators of several
/// partitions finish out of order), applies the alert rate limit (<c>outputs.rate</c>/<c>max_burst</c>; alerts over
/// it are counted as dropped, as Falco drops them), and fans out to one <see cref="OutputSinkActor"/> per output.
/// It tracks each output's backlog and publishes <see cref="OutputPressure"/> so sources stop pulling while an
/// output lags far behind, which keeps memory bounded whatever the input.
/// </summary>
public sealed class OutputRouter : ReceiveActor
{
    private readonly EngineStatistics _stats;
    private readonly TokenBucket _rate;
    private readonly OutputRouterOptions _options;
    private readonly Dictionary<string, SourceOrder> _order = new(StringComparer.Ordinal);
    private readonly List<(IActorRef Actor, string Name)> _sinks = [];
    private readonly Dictionary<string, long> _backlog = new(StringComparer.Ordinal);
    private bool _busy;
    private IActorRef? _drainRequester;
    private int _flushesPending = -1;

    public OutputRouter(IReadOnlyList<IAlertSink> sinks, TokenBucket rate, EngineStatistics stats, OutputRouterOptions options)
    {
        _stats = stats;
        _rate = rate;
        _options = options;
        for (var i = 0; i < sinks.Count; i++)
        {
            var name = sinks[i].Name;
            var actor = Context.ActorOf(OutputSinkActor.Props(sinks[i], stats), $"output-{i}-{name}");
            _sinks.Add((actor, name));
            _backlog[name] = 0;
        }
        Receive<AlertBatch>(OnBatch);
        Receive<AlertsWritten>(OnWritten);
        Receive<DrainOutputs>(_ =>
        {
            _drainRequester = Sender;
            TryFinishDrain();
        });
        Receive<SinkFlushed>(_ =>
        {
            if (--_flushesPending == 0)
            {
                _drainRequester?.Tell(new OutputsDrained());
                _drainRequester = null;
                _flushesPending = -1;
            }
        });
    }

    public static Props Props(IReadOnlyList<IAlertSink> sinks, TokenBucket rate, EngineStatistics stats, OutputRouterOptions? options = null) =>
        Akka.Actor.Props.Create(() => new OutputRouter(sinks, rate, stats, options ?? OutputRouterOptions.Default));

    private void OnBatch(AlertBatch batch)
    {
        if (!_order.TryGetValue(batch.Source, out var order))
        {
            _order[batch.Source] = order = new SourceOrder();
        }
        if (batch.Seq < order.Next)
        {
            return; // already written (a duplicate delivery)
        }
        order.Pending[batch.Seq] = batch;
        while (order.Pending.Remove(order.Next, out var next))
        {
            order.Next++;
            Fanout(next.Alerts);
        }
        TryFinishDrain();
    }

    private void Fanout(IReadOnlyList<FormattedAlert> alerts)
    {
        if (alerts.Count == 0)
        {
            return;
        }
        IReadOnlyList<FormattedAlert> allowed = alerts;
        if (_rate.IsEnabled)
        {
            var kept = new List<FormattedAlert>(alerts.Count);
            foreach (var alert in alerts)
            {
                if (_rate.TryClaim())
                {
                    kept.Add(alert);
                }
                else
                {
                    _stats.AddDropped("outputs.rate");
                }
            }
            allowed = kept;
        }
        if (allowed.Count == 0)
        {
            return;
        }
        var message = new WriteAlerts(allowed);
        foreach (var (actor, name) in _sinks)
        {
            actor.Tell(message);
            _backlog[name] += allowed.Count;
        }
        UpdatePressure();
    }

    private void OnWritten(AlertsWritten written)
    {
        _backlog[written.Output] -= written.Count;
        UpdatePressure();
        TryFinishDrain();
    }

    private void UpdatePressure()
    {
        var highest = _backlog.Count == 0 ? 0 : _backlog.Values.Max();
        var busy = _busy ? highest > _options.LowWater : highest > _options.HighWater;
        if (busy != _busy)
        {
            _busy = busy;
            Context.System.EventStream.Publish(new OutputPressure(busy));
        }
    }

    private void TryFinishDrain()
    {
        if (_drainRequester is null || _flushesPending >= 0)
        {
            return;
        }
        // Everything has been evaluated when a drain is asked: a gap can only be a lost batch, so write the rest.
        foreach (var order in _order.Values)
        {
            foreach (var batch in order.Pending.Values)
            {
                Fanout(batch.Alerts);
            }
            order.Pending.Clear();
        }
        if (_backlog.Values.Any(b => b > 0))
        {
            return;
        }
        if (_sinks.Count == 0)
        {
            _drainRequester.Tell(new OutputsDrained());
            _drainRequester = null;
            return;
        }
        _flushesPending = _sinks.Count;
        foreach (var (actor, _) in _sinks)
        {
            actor.Tell(new FlushSink());
        }
    }

    private sealed class SourceOrder
    {
        public long Next = 1;
        public readonly SortedDictionary<long, AlertBatch> Pending = [];
    }
}

/// <summary>Backlog limits: sources pause above <see cref="HighWater"/> queued alerts in one output, resume under <see cref="LowWater"/>.</summary>
public sealed record OutputRouterOptions(int HighWater, int LowWater)
{
    public static readonly OutputRouterOptions Default = new(HighWater: 10_000, LowWater: 5_000);
}
