using System.Text;
using Falco.Actors.Engine.Configuration;
using Falco.Actors.Rules.Loading;

namespace Falco.Actors.Engine.Tests.Configuration;

/// <summary>A falco.yaml built to exhaust the loader (deep nesting, an alias bomb) fails with one line, quickly.</summary>
public sealed class HostileConfigurationTests : IDisposable
{
    private const int Deep = 60_000;

    // Block nesting costs indentation quadratic in depth: 60,000 levels would be a 1.8 GB file.
    private const int DeepBlocks = 2 * LimitedYamlParser.MaxDepth;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private ConfigurationException LoadFails(string yaml)
    {
        var file = _dir.Write("falco.yaml", yaml);
        return Assert.Throws<ConfigurationException>(() => FalcoConfigurationLoader.LoadFile(file));
    }

    [Fact]
    public void Nested_flow_brackets_are_refused_at_the_limit()
    {
        var e = LoadFails("priority: debug\nrules_files: " + new string('[', Deep) + new string(']', Deep) + "\n");

        Assert.Equal(2, e.Line);
        Assert.Equal($"{_dir.File("falco.yaml")}:2:{e.Column}: YAML nesting deeper than {LimitedYamlParser.MaxDepth} levels", e.Message);
    }

    [Fact]
    public void Nested_block_mappings_are_refused_at_the_limit()
    {
        var yaml = new StringBuilder();
        for (var i = 0; i < DeepBlocks; i++)
        {
            yaml.Append(' ', i).Append("k:\n");
        }

        var e = LoadFails(yaml.ToString());

        Assert.Equal(LimitedYamlParser.MaxDepth + 1, e.Line);
        Assert.Equal($"{_dir.File("falco.yaml")}:{e.Line}:{e.Column}: YAML nesting deeper than {LimitedYamlParser.MaxDepth} levels", e.Message);
    }

    [Fact]
    public void A_billion_laughs_is_refused_at_the_alias_that_passes_the_budget()
    {
        var yaml = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 1; level <= 9; level++)
        {
            yaml.Append($"l{level}: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 9))}]\n");
        }

        var e = LoadFails(yaml.ToString());

        Assert.InRange(e.Line, 2, 10);
        Assert.Equal($"{_dir.File("falco.yaml")}:{e.Line}:{e.Column}: YAML aliases expand to more than {LimitedYamlParser.MaxAliasedNodes} nodes", e.Message);
    }

    [Fact]
    public void A_deeply_nested_o_value_is_refused_at_the_limit()
    {
        var file = _dir.Write("falco.yaml", "priority: debug\n");
        var option = "rules_files=" + new string('[', Deep) + new string(']', Deep);

        var e = Assert.Throws<ConfigurationException>(() => FalcoConfigurationLoader.LoadFile(file, [option]));

        Assert.EndsWith($"the value is not valid YAML: YAML nesting deeper than {LimitedYamlParser.MaxDepth} levels", e.Message);
    }

    [Fact]
    public void Small_aliases_still_load()
    {
        var file = _dir.Write("falco.yaml", "outputs: &o {rate: 1, max_burst: 2}\nsame: *o\njson_output: true\n");

        Assert.True(FalcoConfigurationLoader.LoadFile(file).JsonOutput);
    }
}
