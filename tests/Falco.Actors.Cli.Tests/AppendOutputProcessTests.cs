using System.Text.Json;

namespace Falco.Actors.Cli.Tests;

/// <summary>
/// falco.yaml's <c>append_output</c> through the command line, on the counter plugin's rules
/// (<see cref="CounterSetup"/>: "Even counter" tagged test and even, "Big counter" untagged); the plugin flags
/// <c>counter.double</c> as a suggested output field (<c>addOutput</c>).
/// </summary>
public sealed class AppendOutputProcessTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Entries_append_to_the_text_of_the_rules_they_match_in_order()
    {
        var config = CounterSetup.Write(_folder, count: 45, extra: """
            append_output:
              - match: {source: counter, tags: [even]}
                extra_output: "double=%counter.double"
              - match: {rule: Big counter}
                extra_output: BIG
              - suggested_output: true
              - match: {source: syscall}
                extra_output: never
              - match: {tags: [even, missing]}
                extra_output: never
            """);

        var (exit, stdout, stderr, _) = await Cli.RunProcessAsync(_folder.Path, "-c", config);

        Assert.Equal(0, exit);
        var alerts = Lines(stdout);
        Assert.Contains(alerts, a => a.EndsWith(": Warning even n=2 double=4 counter_double=4"));
        Assert.Contains(alerts, a => a.EndsWith(": Notice big n=41 text=event-41 BIG counter_double=82"));
        Assert.DoesNotContain(alerts, a => a.Contains("never"));
        Assert.Equal(25, alerts.Length);
        Assert.DoesNotContain("Error", stderr);
    }

    [Fact]
    public async Task Extra_fields_go_to_json_output_fields_only_typed_or_as_text()
    {
        var config = CounterSetup.Write(_folder, count: 2, extra: """
            json_output: true
            append_output:
              - match: {tags: [test]}
                extra_output: "d=%counter.double"
                extra_fields:
                  - counter.n
                  - label: "n is %counter.n (%counter.tag[k])"
                  - evt.num
            """);

        var (exit, stdout, _, _) = await Cli.RunProcessAsync(_folder.Path, "-c", config);

        Assert.Equal(0, exit);
        using var alert = JsonDocument.Parse(Assert.Single(Lines(stdout)));
        var root = alert.RootElement;
        Assert.EndsWith(": Warning even n=2 d=4", root.GetProperty("output").GetString());
        var fields = root.GetProperty("output_fields");
        Assert.Equal(2, fields.GetProperty("counter.n").GetInt64());
        Assert.Equal(4, fields.GetProperty("counter.double").GetInt64());
        Assert.Equal(JsonValueKind.Number, fields.GetProperty("evt.num").ValueKind);
        Assert.Equal("n is 2 (k=2)", fields.GetProperty("label").GetString());
        Assert.Equal(["counter.double", "counter.n", "evt.num", "evt.time", "label"],
            fields.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_format_that_does_not_compile_names_the_entry_in_a_run_a_dry_run_and_validate()
    {
        var config = CounterSetup.Write(_folder, extra: """
            append_output:
              - suggested_output: true
              - match: {source: counter}
                extra_fields:
                  - counter.nope
            """);
        var line = Cli.LineOf(config, "- match: {source: counter}");
        var expected = $"Error: {config}:{line}:5: append_output[1].extra_fields[0]: ";

        var run = await Cli.RunProcessAsync(_folder.Path, "-c", config);
        var dryRun = await Cli.RunProcessAsync(_folder.Path, "-c", config, "--dry-run");
        var validate = await Cli.RunProcessAsync(_folder.Path, "-c", config, "-V", _folder.File("rules.yaml"));

        Assert.Equal(1, run.Exit);
        Assert.Contains(expected, run.Err);
        Assert.Contains("counter.nope", run.Err);
        Assert.Contains("(compiled for the rules of source 'counter')", run.Err);
        Assert.Equal(1, dryRun.Exit);
        Assert.Contains(expected, dryRun.Err);
        Assert.Equal(1, validate.Exit);
        Assert.Contains(expected, validate.Err);
    }

    [Fact]
    public async Task A_misspelt_key_is_an_error_not_ignored()
    {
        var config = CounterSetup.Write(_folder, extra: """
            append_output:
              - extra_ouput: x
            """);
        var line = Cli.LineOf(config, "extra_ouput");

        var (exit, _, stderr, _) = await Cli.RunProcessAsync(_folder.Path, "-c", config);

        Assert.Equal(1, exit);
        Assert.Contains($"{config}:{line}:5: append_output[0].extra_ouput: unknown key", stderr);
    }
}
