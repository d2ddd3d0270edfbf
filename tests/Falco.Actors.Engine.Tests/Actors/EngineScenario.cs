using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Outputs.Sinks;
using Falco.Actors.Plugins.Loading;

namespace Falco.Actors.Engine.Tests.Actors;

/// <summary>
/// A run's inputs written as a real falco.yaml and rules file in a temp folder, loaded the way the CLI loads them.
/// </summary>
internal sealed class EngineScenario : IDisposable
{
    private readonly TempDirectory _dir = new();

    public string Folder => _dir.Path;

    public string File(string name) => _dir.File(name);

    public void Dispose() => _dir.Dispose();

    /// <param name="plugins">The <c>plugins:</c> list items, as YAML (each starting with "  - name: ...").</param>
    /// <param name="rules">The rules file.</param>
    /// <param name="more">More falco.yaml keys (engine_actors, outputs...).</param>
    public EngineSetup Setup(string plugins, string rules, string more = "", IReadOnlyList<IAlertSink>? sinks = null,
        PluginLoadOptions? loadOptions = null)
    {
        var rulesFile = _dir.Write("rules.yaml", rules);
        var yaml = $"""
            plugins:
            {plugins}
            rules_files:
              - {rulesFile}
            stdout_output:
              enabled: false
            webserver:
              enabled: false
            {more}
            """;
        var config = FalcoConfigurationLoader.LoadText(yaml, _dir.File("falco.yaml"), _dir.Path);
        var pluginSet = PluginSet.Load(EngineSetup.PluginEntries(config), config.LoadPlugins, loadOptions);
        var loaded = EngineSetup.LoadRules(config, pluginSet);
        Assert.True(loaded.Successful, string.Join("\n", loaded.Errors.Select(e => e.ToString())));
        return new EngineSetup(config, pluginSet, loaded)
        {
            Sinks = sinks,
            Hostname = "test-host",
            Supervision = new Engine.Sources.SupervisionOptions(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200), 0.2, 3),
        };
    }

    public static string Counter(int count, int batch = 10, string more = "") => $$"""
          - name: counter
            library_path: {{TestPlugins.Native("libcounter.so")}}
            init_config: '{"count": {{count}}, "batch": {{batch}}{{more}}}'
        """;

    /// <summary>The bundled CloudTrail sample, read by the managed cloudtrail plugin, with the json plugin.</summary>
    public static string CloudTrailSample => $"""
          - name: cloudtrail
            library_path: {TestPlugins.Managed("Falco.Actors.Plugins.CloudTrail.dll")}
            open_params: {TestPlugins.Sample("cloudtrail")}
          - name: json
            library_path: {TestPlugins.Managed("Falco.Actors.Plugins.Json.dll")}
        """;

    /// <summary>The bundled CloudTrail rules file (rules/aws_cloudtrail_rules.yaml).</summary>
    public static string CloudTrailRules =>
        System.IO.File.ReadAllText(Path.Combine(TestPlugins.RepositoryRoot, "rules", "aws_cloudtrail_rules.yaml"));

    public static string Broken(string initConfig) => $$"""
          - name: broken
            library_path: {{TestPlugins.Native("libbroken.so")}}
            init_config: '{{initConfig}}'
        """;

    /// <summary>A rule that alerts every event of <paramref name="source"/> with <paramref name="output"/>.</summary>
    public static string EveryEvent(string name, string source, string output, string condition = "evt.num > 0") => $"""
        - rule: {name}
          desc: every event
          condition: {condition}
          output: "{output}"
          priority: WARNING
          source: {source}
        """;

    public static string Actors(int batchSize, int batchTimeMs, int inFlight, int partitions, string key = "") => $"""
        engine_actors:
          batch_size: {batchSize}
          batch_time_ms: {batchTimeMs}
          batches_in_flight: {inFlight}
          partitions: {partitions}
          partition_key: "{key}"
        """;
}
