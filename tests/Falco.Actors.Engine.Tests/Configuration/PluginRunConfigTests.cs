using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Sources;
using Falco.Actors.Engine.Tests.Actors;
using Falco.Actors.Plugins.Isolation;
using Falco.Actors.Plugins.Loading;

namespace Falco.Actors.Engine.Tests.Configuration;

/// <summary><c>engine_actors.plugins.&lt;name&gt;</c>: how each plugin runs (isolation, call timeout), and its errors.</summary>
public sealed class PluginRunConfigTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Yaml(string plugins) => $"""
        plugins:
          - name: faulty
            library_path: {TestPlugins.Native("libfaulty.so")}
          - name: json
            library_path: {TestPlugins.Managed("Falco.Actors.Plugins.Json.dll")}
        engine_actors:
          batch_size: 64
          plugins:
        {plugins}
        """;

    private FalcoConfiguration Load(string plugins, params string[] options) =>
        FalcoConfigurationLoader.LoadFile(_dir.Write("falco.yaml", Yaml(plugins)), options);

    private ConfigurationException Fails(string plugins, params string[] options) =>
        Assert.Throws<ConfigurationException>(() => Load(plugins, options));

    [Fact]
    public void Plugins_run_in_process_unless_named_with_isolation_process()
    {
        Assert.Empty(FalcoConfigurationLoader.LoadText("", "falco.yaml", _dir.Path).EngineActors.Plugins);

        var config = Load("""
                faulty:
                  isolation: process
                  call_timeout_s: 2.5
                json: {isolation: none}
            """);

        Assert.Equal(PluginIsolation.Process, config.EngineActors.Plugins["faulty"].Isolation);
        Assert.Equal(2.5, config.EngineActors.Plugins["faulty"].CallTimeoutS);
        Assert.Equal(PluginIsolation.None, config.EngineActors.Plugins["json"].Isolation);
        Assert.Equal(PluginRunConfig.DefaultCallTimeoutS, config.EngineActors.Plugins["json"].CallTimeoutS);
        Assert.Equal(64, config.EngineActors.BatchSize);
    }

    [Fact]
    public void A_command_line_option_sets_it_too()
    {
        var config = Load("    json: {isolation: none}", "engine_actors.plugins.faulty.isolation=process");

        Assert.Equal(PluginIsolation.Process, config.EngineActors.Plugins["faulty"].Isolation);
    }

    [Fact]
    public void An_unknown_isolation_names_the_line_and_the_choices()
    {
        var e = Fails("""
                faulty:
                  isolation: thread
            """);

        Assert.Equal($"{_dir.File("falco.yaml")}:10:18: engine_actors.plugins.faulty.isolation: Unknown isolation \"thread\"--must be one of none, process", e.Message);
    }

    [Fact]
    public void A_plugin_name_not_in_plugins_names_the_line_and_the_configured_plugins()
    {
        var e = Fails("""
                faulty: {isolation: process}
                fautly: {isolation: process}
            """);

        Assert.Equal($"{_dir.File("falco.yaml")}:10:5: engine_actors.plugins.fautly: no plugin named 'fautly' in plugins (configured: faulty, json)", e.Message);
    }

    [Fact]
    public void An_unknown_setting_and_a_negative_timeout_are_errors_at_their_line()
    {
        Assert.Equal($"{_dir.File("falco.yaml")}:10:7: engine_actors.plugins.faulty.isolaton: unknown setting 'isolaton' (known: isolation, call_timeout_s)",
            Fails("""
                    faulty:
                      isolaton: process
                """).Message);
        Assert.Equal($"{_dir.File("falco.yaml")}:9:30: engine_actors.plugins.faulty.call_timeout_s: must be at least 0, got -1",
            Fails("    faulty: {call_timeout_s: -1}").Message);
        Assert.Equal($"{_dir.File("falco.yaml")}:9:13: engine_actors.plugins.faulty: expected a map of keys, got 'process'",
            Fails("    faulty: process").Message);
    }

    [Fact]
    public void Isolating_a_managed_plugin_is_an_error_at_its_entry_once_the_plugins_are_loaded()
    {
        var config = Load("    json: {isolation: process}");
        var plugins = PluginSet.Load(EngineSetup.PluginEntries(config), config.LoadPlugins);

        var e = Assert.Throws<ConfigurationException>(() => SessionIsolation.Check(config.EngineActors, plugins));

        Assert.StartsWith($"{_dir.File("falco.yaml")}:9:5: engine_actors.plugins.json: isolation: process: plugin 'json' (", e.Message);
        Assert.Contains("is a managed plugin: process isolation runs native (.so) plugins only", e.Message);
    }

    [Fact]
    public void An_isolated_source_plugin_is_wrapped_for_its_sessions_only()
    {
        var config = Load("    faulty: {isolation: process, call_timeout_s: 0}");
        var plugins = PluginSet.Load(EngineSetup.PluginEntries(config), config.LoadPlugins);
        var faulty = plugins.Find("faulty")!;

        var sessions = SessionIsolation.ForSessions(faulty, config.EngineActors);

        Assert.IsType<IsolatedSourcePlugin>(sessions.Plugin);
        Assert.Same(faulty.Info, sessions.Info);
        Assert.Same(faulty, plugins.FieldsOf("faulty").SourcePlugin); // the evaluators' extraction: in process
        Assert.Same(plugins.Find("json"), SessionIsolation.ForSessions(plugins.Find("json")!, config.EngineActors));
    }
}
