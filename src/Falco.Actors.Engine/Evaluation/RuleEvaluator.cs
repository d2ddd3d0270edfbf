using Akka.Actor;
using Akka.Event;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Outputs.Sinks;
using Falco.Actors.Plugins.Loading;
using Falco.Actors.Rules.Filter.Evaluation;
using Falco.Actors.Rules.Output;
using Falco.Actors.Rules.RuleSets;

namespace Falco.Actors.Engine.Evaluation;

/// <summary>
/// A sharded rule-evaluator entity (<c>&lt;source&gt;/&lt;partition&gt;</c>). It creates its own plugin states for
/// extraction when it starts and destroys them when it stops, so its plugin calls all come from it; it runs the
/// node's shared <see cref="RuleSet"/> of its source over every event of a batch, formats the alerts of matches only,
/// sends one <see cref="AlertBatch"/> per batch to the batch's outputs and then confirms the batch. A bad event
/// (an extraction that throws) is counted and skipped, never allowed to lose the rest of the batch.
/// </summary>
public sealed class RuleEvaluator : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _entityId;
    private readonly NodeRules _nodeRules;
    private readonly List<CompiledRule> _matches = [];
    private RulesGeneration _generation = null!;
    private SourceRules _rules = null!;
    private OwnerExtractors? _extractors;
    private PluginCallSlot? _calls;
    private EvalContext _context = null!;
    private AlertFormatter _formatter = null!;

    public RuleEvaluator(string entityId, NodeRules nodeRules)
    {
        _entityId = entityId;
        _nodeRules = nodeRules;
        Receive<EvaluateBatch>(Evaluate);
    }

    public static Props Props(string entityId, NodeRules nodeRules, string? dispatcher = null)
    {
        var props = Akka.Actor.Props.Create(() => new RuleEvaluator(entityId, nodeRules));
        return dispatcher is null ? props : props.WithDispatcher(dispatcher);
    }

    /// <summary>The source part of an entity id.</summary>
    public static string SourceOf(string entityId)
    {
        var slash = entityId.LastIndexOf('/');
        return slash <= 0 ? entityId : entityId[..slash];
    }

    protected override void PreStart()
    {
        _generation = _nodeRules.Current;
        _rules = _generation.For(SourceOf(_entityId));
        var owner = $"evaluator {_entityId}";
        _calls = _nodeRules.Watchdog?.Register(owner, _rules.Source) ?? PluginCallSlot.Unwatched(owner, _rules.Source);
        _extractors = WatchedExtractors.Create(_rules.Fields, _calls, _rules.OutputOptions.Hostname);
        _context = _rules.CreateContext(_extractors);
        _formatter = _rules.CreateFormatter();
    }

    /// <summary>
    /// Between batches: the rules of a newer generation (a reload) replace the entity's context and formatter. The
    /// extractors stay (the plugins, hence the source's fields, are those of the start).
    /// </summary>
    private void SwitchTo(RulesGeneration generation)
    {
        var rules = generation.For(_rules.Source);
        if (!ReferenceEquals(rules.Fields, _rules.Fields))
        {
            throw new InvalidOperationException($"{_entityId}: reloaded rules must use the fields the engine started with");
        }
        _context = rules.CreateContext(_extractors!);
        _formatter = rules.CreateFormatter();
        _rules = rules;
        _generation = generation;
    }

    protected override void PostStop()
    {
        if (_extractors is not null && _calls is not null)
        {
            WatchedExtractors.Destroy(_extractors, _calls);
        }
        _extractors = null;
        _calls?.Dispose();
    }

    private void Evaluate(EvaluateBatch msg)
    {
        if (_nodeRules.Current is var current && !ReferenceEquals(current, _generation))
        {
            SwitchTo(current);
        }
        var stats = _nodeRules.Statistics;
        var batch = msg.Batch;
        List<FormattedAlert>? alerts = null;
        var errors = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var evt = batch[i];
            try
            {
                _rules.RuleSet.Match(_context, evt, _matches);
                foreach (var rule in _matches)
                {
                    (alerts ??= []).Add(SourceRules.ToFormatted(_formatter.Format(rule, _context)));
                    if (_nodeRules.EvaluatorsCountAlerts)
                    {
                        stats.AddAlert(rule.Name, rule.Priority);
                    }
                }
            }
            catch (Exception e)
            {
                // One event that cannot be evaluated must not take the batch (or the entity) down with it.
                errors++;
                stats.AddEvaluationError();
                if (errors == 1)
                {
                    _log.Warning("{0}: event {1} could not be evaluated: {2}", _entityId, evt.Num, e.Message);
                }
            }
        }
        stats.AddEvaluated(msg.Source, batch.Count);
        msg.Outputs.Tell(new AlertBatch(msg.Source, msg.Seq, (IReadOnlyList<FormattedAlert>?)alerts ?? []));
        msg.ReplyTo.Tell(new BatchDone(msg.Source, msg.Seq, batch.Count, alerts?.Count ?? 0, errors));
    }
}
