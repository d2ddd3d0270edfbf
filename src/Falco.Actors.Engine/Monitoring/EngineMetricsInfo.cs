using Falco.Actors.Engine.Evaluation;
using Falco.Actors.Plugins.Loading;

namespace Falco.Actors.Engine.Monitoring;

/// <summary>What /metrics says about the engine besides its counters.</summary>
/// <param name="Version">This engine's version.</param>
/// <param name="Sources">The sources the run was started with (shown even before their first event).</param>
/// <param name="Hostname">The host name alerts carry; empty: not shown.</param>
public sealed record EngineMetricsInfo(string Version, IReadOnlyList<string> Sources, string Hostname)
{
    /// <summary>The loaded rules, for the source and tag labels of their matches (a rule not listed gets neither).</summary>
    public IReadOnlyList<RuleMetricInfo> Rules { get; init; } = [];

    /// <summary>The loaded plugins and their versions (for /versions).</summary>
    public IReadOnlyList<PluginVersion> Plugins { get; init; } = [];

    /// <summary>What /healthz adds to its "ok" (e.g. a cluster running without TLS).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Falco.Actors' version, the run's sources and host name, and the rules that run on this node.</summary>
    public static EngineMetricsInfo For(NodeRules rules, IEnumerable<string> sources, string hostname) =>
        new(Hosting.FalcoActorsVersion.Current, [.. sources], hostname)
        {
            Rules =
            [
                .. rules.Sources.SelectMany(source => rules.For(source).RuleSet.ActiveRules)
                    .Select(rule => new RuleMetricInfo(rule.Name, rule.Source, rule.Tags)),
            ],
        };
}

/// <summary>A loaded rule as /metrics labels its matches.</summary>
public sealed record RuleMetricInfo(string Name, string Source, IReadOnlyList<string> Tags);
