using System.Text.Json;

namespace Falco.Actors.Cli.Tests;

/// <summary>The real process: --config-schema, --rule-schema, schema warnings while loading, and config_files.</summary>
public sealed class SchemaProcessTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var (exit, stdout, stderr, _) = await Cli.RunProcessAsync(_folder.Path, args);
        return (exit, stdout, stderr);
    }

    /// <summary>Runs a schema flag, which must exit 0 with nothing on stderr and JSON on stdout.</summary>
    private async Task<JsonDocument> PrintedSchema(string flag)
    {
        var (exit, stdout, stderr) = await Run(flag);
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        return JsonDocument.Parse(stdout);
    }

    [Fact]
    public async Task Config_schema_prints_the_json_schema_of_falco_yaml_with_engine_actors_and_exits_0()
    {
        using var schema = await PrintedSchema("--config-schema");
        var definitions = schema.RootElement.GetProperty("definitions");
        var keys = definitions.GetProperty("Config").GetProperty("properties");
        foreach (var key in new[] { "plugins", "rules_files", "json_output", "http_output", "config_files", "engine", "engine_actors" })
        {
            Assert.True(keys.TryGetProperty(key, out _), key);
        }
        Assert.True(definitions.GetProperty("EngineActors").GetProperty("properties").TryGetProperty("cluster", out _));
    }

    [Fact]
    public async Task Rule_schema_prints_the_json_schema_of_rules_files_and_exits_0()
    {
        using var schema = await PrintedSchema("--rule-schema");
        Assert.Equal("array", schema.RootElement.GetProperty("type").GetString());
        var item = schema.RootElement.GetProperty("definitions").GetProperty("Item").GetProperty("properties");
        Assert.True(item.TryGetProperty("rule", out _));
        Assert.True(item.TryGetProperty("required_plugin_versions", out _));
    }

    [Fact]
    public async Task An_unknown_key_and_a_wrong_type_are_warnings_on_stderr_and_the_run_goes_on()
    {
        var config = CounterSetup.Write(_folder, extra: "jsn_output: true\nbase_syscalls:\n  repair: maybe\n");
        _folder.Write("rules.yaml", CounterSetup.Rules + "\n  prioriti: INFO\n");

        var (exit, stdout, stderr) = await Run("-c", config);

        Assert.Equal(0, exit);
        Assert.Contains($"Warning: {config}:14:1: jsn_output: schema validation failed: unknown key\n", stderr);
        Assert.Contains($"Warning: {config}:16:11: base_syscalls.repair: schema validation failed: expected a boolean (true or false), got 'maybe'\n", stderr);
        Assert.Matches(@"Warning: \S+rules\.yaml:\d+:3: schema validation failed: \[6\]\.prioriti: unknown key", stderr);
        var alerts = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(alerts);
        Assert.All(alerts, a => Assert.Matches(" (Warning even|Notice big) n=", a));
    }

    [Fact]
    public async Task Config_files_of_a_folder_are_merged_in_name_order_and_honoured()
    {
        var config = CounterSetup.Write(_folder, extra: "config_files: [config.d]\n");
        Directory.CreateDirectory(_folder.File("config.d"));
        _folder.Write("config.d/20-second.yaml", "priority: warning\n");
        _folder.Write("config.d/10-first.yaml", "priority: debug\njson_output: true\n");

        var (exit, stdout, _) = await Run("-c", config);

        Assert.Equal(0, exit);
        var alerts = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(alerts);
        // json_output from the first file; priority from the second, which wins: only the Warning rule is loaded.
        Assert.All(alerts, a => Assert.Equal("Even counter", JsonDocument.Parse(a).RootElement.GetProperty("rule").GetString()));
    }

    [Fact]
    public async Task An_error_in_a_merged_file_names_that_file_and_line()
    {
        var config = CounterSetup.Write(_folder, extra: "config_files: [config.d]\n");
        Directory.CreateDirectory(_folder.File("config.d"));
        _folder.Write("config.d/10-first.yaml", "json_output: true\n");
        var second = _folder.Write("config.d/20-second.yaml", "json_output: true\noutput_timeout: soon\n");

        var (exit, stdout, stderr) = await Run("-c", config);

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Contains($"Error: {second}:2:17: output_timeout: expected an integer, got 'soon'", stderr);
    }
}
