namespace Falco.Actors.Cli.Tests;

/// <summary>
/// Source plugins that Falco and sysdig of their day loaded, and so must load and run here unchanged: an API 0.3
/// source whose id is 0 (as falcosecurity/plugins dummy_c 0.2.x) and an API 1.0 source whose get_fields is [] (as
/// Falco 0.32's test_source). Through the real process.
/// </summary>
public sealed class OlderPluginsTests
{
    [Fact]
    public async Task An_api_0_3_source_plugin_with_id_0_loads_and_its_events_are_evaluated()
    {
        using var folder = new TempFolder();
        var config = Write(folder, "seed_zero", "libseed_zero.so", "seedzero", "seed.n > 0", "seed n=%seed.n text=%seed.text");

        var (exit, stdout, stderr, _) = await Cli.RunProcessAsync(Cli.RepositoryRoot, "-c", config, "-U");

        Assert.True(exit == 0, stderr);
        var alerts = Lines(stdout);
        Assert.Equal(10, alerts.Length);
        Assert.Equal(Enumerable.Range(1, 10).Select(k => $"seed n={k} text=seed-{k}"), alerts.Select(a => a[a.IndexOf("seed n=", StringComparison.Ordinal)..]));
        Assert.Contains("Loaded event sources: seedzero", stderr);
    }

    [Fact]
    public async Task A_source_plugin_whose_get_fields_is_empty_loads_as_a_source_without_fields()
    {
        using var folder = new TempFolder();
        var config = Write(folder, "nofields", "libnofields.so", "nofields", "evt.num > 0", "event %evt.num");

        var (exit, stdout, stderr, _) = await Cli.RunProcessAsync(Cli.RepositoryRoot, "-c", config, "-U");

        Assert.True(exit == 0, stderr);
        Assert.Equal(Enumerable.Range(1, 10).Select(k => $"event {k}"), Lines(stdout).Select(l => l[(l.IndexOf("event ", StringComparison.Ordinal))..]));
        var list = await Cli.RunProcessAsync(Cli.RepositoryRoot, "-c", config, "--list", "nofields");
        Assert.Equal(0, list.Exit);
        Assert.DoesNotContain("(plugin)", list.Out);
        var plugins = await Cli.RunProcessAsync(Cli.RepositoryRoot, "-c", config, "--list-plugins");
        Assert.Contains("Capabilities: \n  - Event Sourcing (ID=993, source='nofields')\n", plugins.Out);
        Assert.DoesNotContain("Field Extraction", plugins.Out);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string Write(TempFolder folder, string name, string library, string source, string condition, string output)
    {
        folder.Write("rules.yaml", $"""
            - rule: Every event
              desc: every event of the plugin
              condition: {condition}
              output: {output}
              priority: WARNING
              source: {source}
            """);
        return folder.Write("falco.yaml", $$"""
            plugins:
              - name: {{name}}
                library_path: {{Cli.NativePlugin(library)}}
                init_config: '{"count": 10, "batch": 3}'
            load_plugins: [{{name}}]
            rules_files: [rules.yaml]
            syslog_output:
              enabled: false
            webserver:
              enabled: false
            """);
    }
}
