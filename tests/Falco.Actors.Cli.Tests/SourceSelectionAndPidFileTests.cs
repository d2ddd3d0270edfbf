using System.Text.Json;

namespace Falco.Actors.Cli.Tests;

/// <summary>Falco's <c>--enable-source</c>, <c>--disable-source</c>, <c>-P/--pidfile</c> and <c>--list --format</c>, through the real process.</summary>
public sealed class SourceSelectionAndPidFileTests
{
    private const string Rules = """
        - rule: Counter event
          desc: every counter event
          condition: counter.n > 0
          output: counter n=%counter.n
          priority: WARNING
          source: counter
        - rule: Legacy event
          desc: every legacy event
          condition: legacy.n > 0
          output: legacy n=%legacy.n
          priority: WARNING
          source: legacy2
        """;

    private static string TwoSources(TempFolder folder)
    {
        folder.Write("rules.yaml", Rules);
        return folder.Write("falco.yaml", $$"""
            plugins:
              - name: counter
                library_path: {{Cli.NativePlugin("libcounter.so")}}
                init_config: {count: 5, batch: 5}
                open_params: all
              - name: legacy2
                library_path: {{Cli.NativePlugin("liblegacy2.so")}}
                init_config: '{"count": 7, "batch": 7}'
            rules_files: [rules.yaml]
            syslog_output:
              enabled: false
            webserver:
              enabled: false
            """);
    }

    private static async Task<(int Exit, string Out, string Err, int Pid)> Run(TempFolder folder, params string[] args) =>
        await Cli.RunProcessAsync(folder.Path, args);

    private static string[] Alerts(string stdout) => stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Every_loaded_source_runs_by_default()
    {
        using var folder = new TempFolder();
        var (exit, stdout, stderr, _) = await Run(folder, "-c", TwoSources(folder), "-U");
        Assert.True(exit == 0, stderr);
        Assert.Equal(5, Alerts(stdout).Count(a => a.Contains("counter n=")));
        Assert.Equal(7, Alerts(stdout).Count(a => a.Contains("legacy n=")));
        Assert.Contains("Enabled event sources: counter, legacy2", stderr);
    }

    [Fact]
    public async Task Enable_source_runs_only_the_named_sources()
    {
        using var folder = new TempFolder();
        var (exit, stdout, stderr, _) = await Run(folder, "-c", TwoSources(folder), "-U", "--enable-source", "legacy2");
        Assert.True(exit == 0, stderr);
        Assert.Equal(7, Alerts(stdout).Length);
        Assert.All(Alerts(stdout), a => Assert.Contains("legacy n=", a));
        Assert.Contains("Loaded event sources: counter, legacy2", stderr);
        Assert.Contains("Enabled event sources: legacy2", stderr);
    }

    [Fact]
    public async Task Disable_source_runs_the_others_and_accepts_syscall()
    {
        using var folder = new TempFolder();
        var (exit, stdout, stderr, _) = await Run(folder, "-c", TwoSources(folder), "-U", "--disable-source", "legacy2", "--disable-source=syscall");
        Assert.True(exit == 0, stderr);
        Assert.Equal(5, Alerts(stdout).Length);
        Assert.All(Alerts(stdout), a => Assert.Contains("counter n=", a));
    }

    [Theory]
    [InlineData("--enable-source", "nope", "Error: Attempted enabling an unknown event source: nope (loaded: counter, legacy2)")]
    [InlineData("--disable-source", "nope", "Error: Attempted disabling an unknown event source: nope (loaded: counter, legacy2)")]
    [InlineData("--enable-source", "syscall", "Error: Attempted enabling the syscall event source: falco-actors runs plugin event sources only")]
    public async Task A_source_that_is_not_loaded_is_an_error(string flag, string source, string error)
    {
        using var folder = new TempFolder();
        var (exit, stdout, stderr, _) = await Run(folder, "-c", TwoSources(folder), flag, source);
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Contains(error, stderr);
    }

    [Fact]
    public async Task Disabling_every_source_or_mixing_both_flags_is_an_error()
    {
        using var folder = new TempFolder();
        var config = TwoSources(folder);
        var all = await Run(folder, "-c", config, "--disable-source", "counter", "--disable-source", "legacy2");
        Assert.Equal(1, all.Exit);
        Assert.Contains("Error: Must enable at least one event source", all.Err);
        var mixed = await Run(folder, "-c", config, "--disable-source", "counter", "--enable-source", "legacy2");
        Assert.Equal(1, mixed.Exit);
        Assert.Contains("Error: You can not mix --enable-source and --disable-source", mixed.Err);
    }

    [Fact]
    public async Task Pidfile_holds_the_process_id_of_the_run()
    {
        using var folder = new TempFolder();
        var pidFile = folder.File("falco.pid");
        var (exit, _, stderr, pid) = await Run(folder, "-c", TwoSources(folder), "-P", pidFile);
        Assert.True(exit == 0, stderr);
        Assert.Equal(pid.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(pidFile));
    }

    [Fact]
    public async Task Pidfile_is_not_written_by_a_dry_run_and_an_unwritable_one_stops_the_start()
    {
        using var folder = new TempFolder();
        var config = TwoSources(folder);
        var pidFile = folder.File("falco.pid");
        Assert.Equal(0, (await Run(folder, "-c", config, "--dry-run", "--pidfile", pidFile)).Exit);
        Assert.False(File.Exists(pidFile));

        var missing = folder.File("no/such/folder/falco.pid");
        var (exit, stdout, stderr, _) = await Run(folder, "-c", config, "--pidfile", missing);
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Contains($"Error: Could not write pid to pidfile {missing}", stderr);
    }

    [Fact]
    public async Task List_format_json_prints_the_field_classes_as_one_json_array()
    {
        using var folder = new TempFolder();
        var (exit, stdout, stderr, _) = await Run(folder, "-c", TwoSources(folder), "--list=legacy2", "--format", "json");
        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var classes = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(["evt", "legacy2 (plugin)"], classes.Select(c => c.GetProperty("name").GetString()));
        var legacy = classes[1];
        Assert.Equal(["legacy2"], legacy.GetProperty("event_sources").EnumerateArray().Select(s => s.GetString()));
        var digit = legacy.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "legacy.digit");
        Assert.Equal("UINT64", digit.GetProperty("type").GetString());
        Assert.Equal(["ARG_REQUIRED"], digit.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.True(legacy.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "legacy.divisors")
            .GetProperty("is_list").GetBoolean());

        var markdown = await Run(folder, "-c", TwoSources(folder), "--list=legacy2", "--format=markdown");
        Assert.Equal((await Run(folder, "-c", TwoSources(folder), "--list=legacy2", "--markdown")).Out, markdown.Out);
        Assert.StartsWith("## Field Class: evt", markdown.Out);
        var bad = await Run(folder, "--list", "--format", "yaml");
        Assert.Equal(1, bad.Exit);
        Assert.Contains("Error: option '--format' expects text, markdown or json, got 'yaml'", bad.Err);
    }
}
