using Falco.Actors.Engine.Monitoring;

namespace Falco.Actors.Engine.Evaluation;

/// <summary>
/// The compiled rules of every source on this node (immutable, shared by all evaluator entities) and the
/// statistics they report to. An entity of a source this node does not know fails to start, loudly.
/// </summary>
public sealed class NodeRules(IEnumerable<SourceRules> sources, EngineStatistics statistics)
{
    private readonly Dictionary<string, SourceRules> _bySource = sources.ToDictionary(s => s.Source, StringComparer.Ordinal);

    public EngineStatistics Statistics { get; } = statistics;

    /// <summary>
    /// In a cluster the source's guardian counts the alerts (its node's statistics and summary then cover its whole
    /// stream); an evaluator counts them only on a single node, where it is the guardian's node.
    /// </summary>
    public bool EvaluatorsCountAlerts { get; init; } = true;

    /// <summary>Watches the evaluators' plugin calls (null: nobody does).</summary>
    public PluginWatchdog? Watchdog { get; init; }

    public IEnumerable<string> Sources => _bySource.Keys;

    public SourceRules For(string source) =>
        _bySource.TryGetValue(source, out var rules)
            ? rules
            : throw new InvalidOperationException(
                $"no rules are compiled on this node for the event source '{source}' (known: {string.Join(", ", _bySource.Keys)})");
}
