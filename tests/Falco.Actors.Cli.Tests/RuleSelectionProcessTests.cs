namespace Falco.Actors.Cli.Tests;

/// <summary>
/// falco.yaml's <c>rules:</c> through the command line, on the counter plugin's rules (<see cref="CounterSetup"/>:
/// "Even counter" tagged test and even, "Big counter" untagged, "Small counter" disabled in its file).
/// </summary>
public sealed class RuleSelectionProcessTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task A_wildcard_disable_then_a_tag_enable_runs_only_the_tagged_rule()
    {
        var config = CounterSetup.Write(_folder, count: 50, extra: """
            rules:
              - disable:
                  rule: "*counter"
              - enable:
                  tag: even
            """);

        var (exit, stdout, stderr, _) = await Cli.RunProcessAsync(_folder.Path, "-c", config);

        Assert.Equal(0, exit);
        Assert.Equal(25, Lines(stdout).Length);
        Assert.All(Lines(stdout), a => Assert.Contains(": Warning even n=", a));
        Assert.Contains("Disabling rules with name: *counter", stderr);
        Assert.Contains("Enabling rules with tag: even", stderr);
    }

    [Fact]
    public async Task Enabling_a_rule_disabled_in_its_file_makes_it_fire_and_re_enabling_moves_it_last()
    {
        // Small counter (1 and 3) is enabled; Even counter is disabled then enabled again, so with
        // rule_matching: first it now runs after Big counter and Small counter.
        var config = CounterSetup.Write(_folder, count: 45, extra: """
            rules:
              - enable: {rule: Small counter}
              - disable: {tag: test}
              - enable: {rule: Even*}
            """);

        var (exit, stdout, _, _) = await Cli.RunProcessAsync(_folder.Path, "-c", config);

        Assert.Equal(0, exit);
        var alerts = Lines(stdout);
        Assert.Equal(2, alerts.Count(a => a.Contains(": Informational small n=")));
        // 42 and 44 are big and even: Big counter now runs first and wins.
        Assert.Equal(5, alerts.Count(a => a.Contains(": Notice big n=")));
        Assert.Equal(20, alerts.Count(a => a.Contains(": Warning even n=")));
        Assert.Equal(27, alerts.Length);
    }

    [Fact]
    public async Task L_lists_every_loaded_rule_whatever_the_selections_as_falco_does()
    {
        var config = CounterSetup.Write(_folder, extra: "rules:\n  - disable: {rule: \"*\"}\n");

        var (exit, stdout, _, _) = await Cli.RunProcessAsync(_folder.Path, "-c", config, "-L", "-o", "json_output=true");

        Assert.Equal(0, exit);
        Assert.Contains("\"name\":\"Even counter\"", stdout);
        Assert.Contains("\"name\":\"Small counter\"", stdout);
    }

    [Fact]
    public async Task Dry_run_counts_the_rules_the_selections_leave_enabled()
    {
        var config = CounterSetup.Write(_folder, extra: "rules:\n  - disable: {tag: even}\n");

        var (exit, _, stderr, _) = await Cli.RunProcessAsync(_folder.Path, "-c", config, "--dry-run");

        Assert.Equal(0, exit);
        Assert.Contains("3 rule(s) loaded, 1 enabled", stderr);
    }

    [Fact]
    public async Task A_bad_item_stops_the_start_and_validate_with_its_position()
    {
        var config = CounterSetup.Write(_folder, extra: "rules:\n  - enable: {name: x}\n");
        var line = Cli.LineOf(config, "name: x");

        var run = await Cli.RunProcessAsync(_folder.Path, "-c", config);
        var validate = await Cli.RunProcessAsync(_folder.Path, "-c", config, "-V", _folder.File("rules.yaml"));

        Assert.Equal(1, run.Exit);
        Assert.Contains($"{config}:{line}:14: rules[0].enable.name: unknown key: expected 'rule' or 'tag'", run.Err);
        Assert.Equal(1, validate.Exit);
        Assert.Contains($"{config}:{line}:14: rules[0].enable.name", validate.Err);
    }
}
