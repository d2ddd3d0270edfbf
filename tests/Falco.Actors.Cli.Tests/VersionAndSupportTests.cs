using System.Text.Json;

namespace Falco.Actors.Cli.Tests;

/// <summary><c>--version</c> (text, or Falco's versions JSON with json_output) and <c>--support</c>, through the real process.</summary>
public sealed class VersionAndSupportTests
{
    [Fact]
    public async Task Version_prints_text_lines_by_default()
    {
        var (exit, stdout, _, _) = await Cli.RunProcessAsync(Cli.RepositoryRoot, "--version");
        Assert.Equal(0, exit);
        Assert.Equal(["Falco.Actors version: 0.1.0", "Plugin API:     3.12.0", "Engine:         0.63.0"], stdout.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Version_with_json_output_prints_falcos_versions_object_on_one_line()
    {
        var (exit, stdout, _, _) = await Cli.RunProcessAsync(Cli.RepositoryRoot, "-o", "json_output=true", "--version");
        Assert.Equal(0, exit);
        Assert.Single(stdout.TrimEnd().Split('\n'));
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("0.1.0", root.GetProperty("falco_version").GetString());
        Assert.Equal("3.12.0", root.GetProperty("plugin_api_version").GetString());
        Assert.Equal("63", root.GetProperty("engine_version").GetString());
        Assert.Equal("0.63.0", root.GetProperty("engine_version_semver").GetString());
    }

    [Fact]
    public async Task Support_dumps_versions_system_cmdline_config_and_rules_with_secrets_masked()
    {
        using var folder = new TempFolder();
        var config = CounterSetup.Write(folder, extra: """
            http_output:
              enabled: false
              url: https://alice:s3cr3t-pass@sidekick.example:2801/
            """);
        var (exit, stdout, stderr, _) = await Cli.RunProcessAsync(Cli.RepositoryRoot, "-c", config, "--support");
        Assert.True(exit == 0, stderr);
        Assert.Single(stdout.TrimEnd().Split('\n'));
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("0.1.0", root.GetProperty("version").GetString());
        Assert.Equal("1.2.3", root.GetProperty("engine_info").GetProperty("plugin_versions").GetProperty("counter").GetString());
        Assert.Equal("Linux", root.GetProperty("system_info").GetProperty("sysname").GetString());
        Assert.Equal(Environment.MachineName, root.GetProperty("system_info").GetProperty("nodename").GetString());
        Assert.Equal($"falco-actors -c {config} --support", root.GetProperty("cmdline").GetString());
        var configText = root.GetProperty("config").GetString()!;
        Assert.Contains("libcounter.so", configText);
        Assert.DoesNotContain("s3cr3t-pass", configText);
        var rules = Assert.Single(root.GetProperty("rules_files").EnumerateArray());
        Assert.Equal(folder.File("rules.yaml"), rules.GetProperty("name").GetString());
        Assert.Contains("rule: Even counter", Assert.Single(rules.GetProperty("variants").EnumerateArray()).GetProperty("content").GetString());
        Assert.DoesNotContain("s3cr3t-pass", stdout + stderr);
    }
}
