using Falco.Actors.Engine.Monitoring;

namespace Falco.Actors.Engine.Evaluation;

/// <summary>
/// The compiled rules of every source on this node (the current <see cref="RulesGeneration"/>, immutable, shared by
/// all evaluator entities) and the statistics they report to. A reload replaces the generation whole
/// (<see cref="Switch"/>); each evaluator reads <see cref="Current"/> once per batch, so a batch is evaluated by one
/// generation only. An entity of a source this node does not know fails to start, loudly.
/// </summary>
public sealed class NodeRules(IEnumerable<SourceRules> sources, EngineStatistics statistics)
{
    private volatile RulesGeneration _current = new(1, sources);

    public EngineStatistics Statistics { get; } = statistics;

    /// <summary>
    /// In a cluster the source's guardian counts the alerts (its node's statistics and summary then cover its whole
    /// stream); an evaluator counts them only on a single node, where it is the guardian's node.
    /// </summary>
    public bool EvaluatorsCountAlerts { get; init; } = true;

    /// <summary>Watches the evaluators' plugin calls (null: nobody does).</summary>
    public PluginWatchdog? Watchdog { get; init; }

    /// <summary>The rules in force (one volatile read).</summary>
    public RulesGeneration Current => _current;

    public IEnumerable<string> Sources => _current.Sources;

    public SourceRules For(string source) => _current.For(source);

    /// <summary>
    /// Puts newly compiled rules in force: every source this node knows must be among them (the plugins, hence the
    /// sources, do not change while the engine runs). Called by one actor (the coordinator); returns the generation.
    /// </summary>
    public RulesGeneration Switch(IReadOnlyCollection<SourceRules> sources)
    {
        var current = _current;
        var next = new RulesGeneration(current.Number + 1, sources);
        foreach (var source in current.Sources)
        {
            next.For(source);
        }
        _current = next;
        return next;
    }
}
