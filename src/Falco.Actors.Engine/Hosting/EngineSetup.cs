using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Outputs.Sinks;
using Falco.Actors.Engine.Sources;
using Falco.Actors.Plugins.Isolation;
using Falco.Actors.Plugins.Loading;
using Falco.Actors.Rules.Loading;

namespace Falco.Actors.Engine.Hosting;

/// <summary>
/// Everything a run needs: the loaded configuration, plugins and rules (the CLI loads them and reports their
/// errors first), plus what tests and embedders may change.
/// </summary>
public sealed record EngineSetup(FalcoConfiguration Configuration, PluginSet Plugins, RulesLoadResult Rules)
{
    /// <summary>The outputs; null: one per enabled output of the configuration (<see cref="AlertSinkFactory"/>).</summary>
    public IReadOnlyList<IAlertSink>? Sinks { get; init; }

    /// <summary>The engine_actors section to use instead of the configuration's.</summary>
    public EngineActorsConfig? EngineActors { get; init; }

    public SupervisionOptions Supervision { get; init; } = SupervisionOptions.Default;

    /// <summary>The host name alerts carry (default: FALCO_HOSTNAME, else the machine name).</summary>
    public string? Hostname { get; init; }

    /// <summary>
    /// Adjusts each source's settings before its actors start (the CLI replays a capture with <c>-e</c> and records
    /// one with <c>-w</c> by wrapping the source plugin); null keeps them as configured.
    /// </summary>
    public Func<SourceSettings, SourceSettings>? ConfigureSource { get; init; }

    /// <summary>
    /// How the host processes of plugins run isolated (<c>engine_actors.plugins.&lt;name&gt;.isolation: process</c>) start
    /// and log; null: <c>falco-actors</c> found as <see cref="PluginHostCommand.Locate"/> says, logging to stderr.
    /// </summary>
    public PluginHostOptions? PluginHost { get; init; }

    /// <summary>The sources to run (default: every source plugin loaded).</summary>
    public IReadOnlyList<string>? Sources { get; init; }

    /// <summary>How long the node may take to form its cluster.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// HOCON that overrides the engine's (<c>hocon/*.conf</c>) and the cluster settings, e.g.
    /// <c>akka.actor.serialize-messages = on</c> in tests.
    /// </summary>
    public string? Hocon { get; init; }

    /// <summary>How this node joins a cluster; null: from engine_actors.cluster and FALCO_ACTORS_* variables (<see cref="ClusterNode.Resolve"/>).</summary>
    public ClusterNode? Cluster { get; init; }

    /// <summary>
    /// With <c>engine_actors.state_dir</c>: the state read at start (<see cref="State.StateFolder.Open"/>, which the
    /// CLI calls before it creates the outputs); null: the engine reads it itself.
    /// </summary>
    public State.EngineState? State { get; init; }

    /// <summary>
    /// Reads the configuration and the rules again, as the host read them at the start (the CLI: falco.yaml with the
    /// same <c>-o</c> options and <c>-r</c> files), against the plugins already loaded; it throws, with a message
    /// naming file and line, when they cannot be loaded. The engine calls it off the event path on a reload
    /// (<see cref="EngineRun.ReloadRulesAsync"/>, or a <see cref="ReloadRules"/> from another node). Null: this host
    /// does not support reloading, and a request is answered with that error.
    /// </summary>
    public Func<CancellationToken, RulesReload>? Reload { get; init; }

    /// <summary>The actor system's name (every node of a cluster uses the same).</summary>
    public string SystemName { get; init; } = "falco-actors";

    /// <summary>
    /// Loads the rules files of <paramref name="configuration"/> for the sources of <paramref name="plugins"/>
    /// (each with its fields), as Falco does. Check <see cref="RulesLoadResult.Errors"/> before running.
    /// </summary>
    public static RulesLoadResult LoadRules(FalcoConfiguration configuration, PluginSet plugins)
    {
        var sources = new RuleSourceSet();
        foreach (var source in plugins.Sources)
        {
            sources.Add(plugins.FieldsOf(source).Registry);
        }
        var loader = new RulesLoader(new RulesLoaderOptions { Sources = sources });
        return loader.LoadPaths(configuration.RulesFiles.Select(p => p.Resolved));
    }

    /// <summary>The plugin entries of a configuration, as the plugin set takes them.</summary>
    public static IReadOnlyList<PluginConfigEntry> PluginEntries(FalcoConfiguration configuration) =>
        [.. configuration.Plugins.Select(p => new PluginConfigEntry(p.Name, p.LibraryPath.Resolved, p.InitConfig, p.OpenParams))];
}
