namespace Falco.Actors.Cli.Tests;

public sealed class StartupErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_bad_configuration_value_names_file_line_column_and_key()
    {
        var config = _folder.Write("falco.yaml", "rules_files: [r.yaml]\njson_output: maybe\n");
        var (exit, stdout, stderr) = Cli.Run("-c", config);
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith($"Error: {config}:2:14: json_output: ", stderr);
    }

    [Fact]
    public void A_bad_option_value_names_the_option()
    {
        var config = CounterSetup.Write(_folder);
        var (exit, _, stderr) = Cli.Run("-c", config, "-o", "priority=loud");
        Assert.Equal(1, exit);
        Assert.Contains("-o 'priority=loud'", stderr);
        Assert.Contains("Unknown priority \"loud\"", stderr);
    }

    [Fact]
    public void A_missing_configuration_file_is_an_error()
    {
        var missing = _folder.File("nope.yaml");
        var (exit, _, stderr) = Cli.Run("-c", missing, "--dry-run");
        Assert.Equal(1, exit);
        Assert.Contains($"Error: {missing}: configuration file not found", stderr);
    }

    [Fact]
    public void A_missing_plugin_file_names_the_configuration_entry()
    {
        var config = _folder.Write("falco.yaml", """
            rules_files: [r.yaml]
            plugins:
              - name: ghost
                library_path: /nonexistent/libghost.so
            """);
        var (exit, _, stderr) = Cli.Run("-c", config);
        Assert.Equal(1, exit);
        Assert.StartsWith($"Error: {config}:3:5: plugins[0]: Cannot load plugin 'ghost' from '/nonexistent/libghost.so': file not found", stderr);
    }

    [Fact]
    public void A_rules_error_stops_start_up_naming_file_line_and_item()
    {
        var config = CounterSetup.Write(_folder);
        var bad = _folder.Write("bad.yaml", "- rule: r\n  desc: d\n  condition: counter.nope = 1\n  output: o\n  priority: WARNING\n  source: counter\n");
        var (exit, stdout, stderr) = Cli.Run("-c", config, "-r", bad);
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Contains("Error: Could not load rules: 1 error(s):", stderr);
        Assert.Contains($"{bad}:3:14: error: rule 'r': LOAD_ERR_COMPILE_CONDITION", stderr);
    }

    [Fact]
    public void An_unmet_plugin_requirement_stops_start_up()
    {
        var config = CounterSetup.Write(_folder);
        var rules = _folder.Write("needs.yaml", "- required_plugin_versions:\n    - name: counter\n      version: 9.0.0\n");
        var (exit, _, stderr) = Cli.Run("-c", config, "-r", rules);
        Assert.Equal(1, exit);
        Assert.Contains("Error: Plugin 'counter' version '1.2.3' is not compatible with required plugin version '9.0.0'", stderr);
    }

    [Fact]
    public void A_missing_or_broken_capture_is_an_error()
    {
        var config = CounterSetup.Write(_folder);
        var missing = _folder.File("none.scap");
        Assert.Contains($"Error: {missing}: capture file not found", Cli.Run("-c", config, "-e", missing).Err);

        var junk = _folder.Write("junk.scap", "this is not a capture");
        var (exit, _, stderr) = Cli.Run("-c", config, "-e", junk);
        Assert.Equal(1, exit);
        Assert.Contains($"Error: capture '{junk}': block at byte 0: ", stderr);
    }

    [Fact]
    public void Without_any_source_plugin_there_is_nothing_to_run()
    {
        var rules = _folder.Write("r.yaml", "- list: l\n  items: [a]\n");
        var config = _folder.Write("falco.yaml", $"rules_files: [{rules}]\n");
        var (exit, _, stderr) = Cli.Run("-c", config);
        Assert.Equal(1, exit);
        Assert.Contains("no source plugin is loaded", stderr);
    }

    [Theory]
    [InlineData("{open_fail: true}", "source 'broken' cannot be opened: ")]
    [InlineData("{init: fail_state}", "init refused: the config asks me to fail")]
    public void A_source_that_cannot_be_initialised_or_opened_stops_start_up_at_once(string initConfig, string message)
    {
        var rules = _folder.Write("r.yaml", "- list: l\n  items: [a]\n");
        var config = _folder.Write("falco.yaml", $"""
            rules_files: [{rules}]
            plugins:
              - name: broken
                library_path: {Cli.NativePlugin("libbroken.so")}
                init_config: {initConfig}
            """);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (exit, stdout, stderr) = Cli.Run("-c", config);
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith($"Error: {config}:3:5: plugins[0]: ", stderr[stderr.IndexOf("Error: ", StringComparison.Ordinal)..]);
        Assert.Contains(message, stderr);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "start-up should fail at once, not after session restarts");
    }
}
