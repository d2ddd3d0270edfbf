using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Evaluation;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Sources;
using Falco.Actors.Plugins.Loading;
using Falco.Actors.Rules.Filter.Compilation;
using Falco.Actors.Rules.Loading;
using Falco.Actors.Rules.Output;
using Falco.Actors.Rules.RuleSets;

namespace Falco.Actors.Engine.Hosting;

/// <summary>Turns an <see cref="EngineSetup"/> into what the actors of a node share: compiled rules and source settings.</summary>
public static class EngineNode
{
    /// <summary>
    /// Compiles every source's rules once for this node, with what falco.yaml adds to them: <c>append_output</c>
    /// (<see cref="AppendedOutput"/>) and the <c>rules:</c> selections. Throws <see cref="ConfigurationException"/>
    /// naming the <c>append_output</c> entry that cannot be compiled.
    /// </summary>
    public static NodeRules CompileRules(EngineSetup setup, EngineStatistics stats, bool evaluatorsCountAlerts = true,
        PluginWatchdog? watchdog = null) =>
        new(CompileSources(setup.Configuration, setup.Plugins, setup.Rules, Hostname(setup)), stats)
        {
            EvaluatorsCountAlerts = evaluatorsCountAlerts,
            Watchdog = watchdog,
        };

    /// <summary>
    /// Every source's <see cref="SourceRules"/> from loaded rules and the configuration keys that feed rule matching
    /// and alert rendering: at the start and at each reload.
    /// </summary>
    public static IReadOnlyList<SourceRules> CompileSources(FalcoConfiguration config, PluginSet plugins, RulesLoadResult loaded, string hostname)
    {
        var outputOptions = new OutputOptions
        {
            JsonOutput = config.JsonOutput,
            JsonIncludeOutputProperty = config.JsonIncludeOutputProperty,
            JsonIncludeTagsProperty = config.JsonIncludeTagsProperty,
            JsonIncludeMessageProperty = config.JsonIncludeMessageProperty,
            JsonIncludeOutputFieldsProperty = config.JsonIncludeOutputFieldsProperty,
            TimeFormatIso8601 = config.TimeFormatIso8601,
            Hostname = hostname,
        };
        var options = new RuleSetOptions
        {
            // Two enums name rule_matching (configuration and rules); the rules engine's is the one that runs.
            Matching = config.RuleMatching,
            MinimumPriority = config.Priority,
            Selections = config.RulesSelection,
        };
        var sources = new List<SourceRules>();
        foreach (var source in plugins.Sources)
        {
            var fields = plugins.FieldsOf(source);
            var compiler = loaded.Compilers.TryGetValue(source, out var c) ? c : new FilterCompiler(fields.Registry);
            var appended = AppendedOutput.For(config, compiler);
            var rules = loaded.Rules
                .Select((rule, order) => (rule, order))
                .Where(r => r.rule.Source == source)
                .Select(r => appended.Compile(compiler, r.rule, r.order))
                .ToList();
            sources.Add(new SourceRules(fields, compiler, new RuleSet(compiler, rules, options), outputOptions));
        }
        return sources;
    }

    /// <summary>The settings of every source to run.</summary>
    /// <param name="runs">Which sources this node runs (a cluster member runs those of its roles); null: all.</param>
    public static IReadOnlyList<SourceSettings> SourceSettings(EngineSetup setup, Func<string, bool>? runs = null)
    {
        var actors = setup.EngineActors ?? setup.Configuration.EngineActors;
        var wanted = (setup.Sources ?? setup.Plugins.Sources).Where(source => runs?.Invoke(source) ?? true).ToList();
        foreach (var source in actors.PartitionKey.Length > 0 ? wanted : [])
        {
            PartitionKeyReader.Validate(setup.Plugins.FieldsOf(source), actors.PartitionKey);
        }
        return
        [
            .. wanted.Select(source =>
            {
                var fields = setup.Plugins.FieldsOf(source);
                var plugin = fields.SourcePlugin
                             ?? throw new InvalidOperationException($"no source plugin produces the event source '{source}'");
                var settings = new SourceSettings
                {
                    Plugin = SessionIsolation.ForSessions(plugin, actors, setup.PluginHost),
                    Fields = fields,
                    OpenParams = plugin.OpenParams,
                    BatchSize = Math.Max(1, actors.BatchSize),
                    BatchTime = TimeSpan.FromMilliseconds(Math.Max(1, actors.BatchTimeMs)),
                    BatchesInFlight = Math.Max(1, actors.BatchesInFlight),
                    Partitions = Math.Max(1, actors.Partitions),
                    PartitionKey = actors.PartitionKey,
                    Dispatcher = actors.PluginDispatcher,
                    Supervision = setup.Supervision,
                };
                return setup.ConfigureSource?.Invoke(settings) ?? settings;
            }),
        ];
    }

    public static string Hostname(EngineSetup setup) =>
        setup.Hostname ?? Environment.GetEnvironmentVariable("FALCO_HOSTNAME") ?? Environment.MachineName;
}
