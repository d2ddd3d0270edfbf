using System.Text.Json;

namespace Falco.Actors.Cli.Tests;

/// <summary>
/// falco.yaml's <c>static_fields</c> through the command line, as Falco 0.44 offers them: fields
/// <c>static.&lt;name&gt;</c> of every source, usable in conditions and outputs, and flagged as suggested, so they
/// reach every alert with <c>append_output: [{suggested_output: true}]</c> (Falco's shipped falco.yaml).
/// </summary>
public sealed class StaticFieldsProcessTests : IDisposable
{
    private const string Variable = "FALCO_ACTORS_STATIC_FIELDS_TEST";

    private readonly TempFolder _folder = new();

    public StaticFieldsProcessTests() => Environment.SetEnvironmentVariable(Variable, "prod");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(Variable, null);
        _folder.Dispose();
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private string Config(string extra)
    {
        var config = CounterSetup.Write(_folder, count: 3, extra: $$"""
            static_fields:
              team: sec
              env: ${{{Variable}}}
            {{extra}}
            """);
        _folder.Write("rules.yaml", """
            - rule: Team one
              desc: the first event, for the configured team
              condition: counter.n = 1 and static.team = sec
              output: one team=%static.team
              priority: ERROR
              source: counter
            """);
        return config;
    }

    [Fact]
    public async Task Suggested_output_adds_them_to_the_text_and_json_output_fields()
    {
        var config = Config("""
            json_output: true
            append_output:
              - suggested_output: true
            """);

        var (exit, stdout, _, _) = await Cli.RunProcessAsync(_folder.Path, "-c", config);

        Assert.Equal(0, exit);
        using var alert = JsonDocument.Parse(Assert.Single(Lines(stdout)));
        var root = alert.RootElement;
        Assert.EndsWith(": Error one team=sec static_env=prod static_team=sec counter_double=2", root.GetProperty("output").GetString());
        var fields = root.GetProperty("output_fields");
        Assert.Equal("prod", fields.GetProperty("static.env").GetString());
        Assert.Equal("sec", fields.GetProperty("static.team").GetString());
    }

    [Fact]
    public async Task Without_suggested_output_they_appear_only_where_a_rule_names_them()
    {
        var (exit, stdout, _, _) = await Cli.RunProcessAsync(_folder.Path, "-c", Config(""));

        Assert.Equal(0, exit);
        Assert.EndsWith(": Error one team=sec", Assert.Single(Lines(stdout)));
    }

    [Fact]
    public async Task List_shows_the_static_field_class()
    {
        var (exit, stdout, _, _) = await Cli.RunProcessAsync(_folder.Path, "-c", Config(""), "--list", "-N");

        Assert.Equal(0, exit);
        Assert.Contains("static.env\n", stdout);
        Assert.Contains("static.team\n", stdout);
    }

    [Fact]
    public async Task A_name_that_cannot_be_a_field_is_an_error()
    {
        var config = CounterSetup.Write(_folder, extra: "static_fields:\n  \"my team\": sec\n");
        var line = Cli.LineOf(config, "my team");

        var (exit, _, stderr, _) = await Cli.RunProcessAsync(_folder.Path, "-c", config);

        Assert.Equal(1, exit);
        Assert.Contains($"{config}:{line}:3: static_fields.my team: a static field name is made of", stderr);
    }
}
