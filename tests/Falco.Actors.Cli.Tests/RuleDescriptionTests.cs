using System.Text.Json;

namespace Falco.Actors.Cli.Tests;

public sealed class RuleDescriptionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void L_prints_every_rule_in_two_columns_with_wrapped_descriptions()
    {
        var (exit, stdout, _) = Cli.Run("-c", CounterSetup.Write(_folder), "-L");
        Assert.Equal(0, exit);
        var name = (string n) => n.PadRight(50) + " ";
        Assert.Equal(
            name("Rule") + "Description\n" +
            name("----") + "-----------\n" +
            name("Even counter") + "an even counter event \n\n" +
            name("Big counter") + "a counter event in a range that has a long description, \n" +
            new string(' ', 51) + "long enough to be wrapped by the text layout of -L at one \n" +
            new string(' ', 51) + "hundred and ten columns \n\n" +
            name("Small counter") + "never seen with rule_matching first for even numbers \n\n", stdout);
    }

    [Fact]
    public void L_with_json_output_prints_the_details_as_JSON()
    {
        var (exit, stdout, _) = Cli.Run("-c", CounterSetup.Write(_folder), "-L", "-o", "json_output=true");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("0.26.0", root.GetProperty("required_engine_version").GetString());
        Assert.Equal("counter", root.GetProperty("required_plugin_versions")[0].GetProperty("name").GetString());
        var rules = root.GetProperty("rules");
        Assert.Equal(3, rules.GetArrayLength());
        var big = rules[1];
        Assert.Equal("Big counter", big.GetProperty("info").GetProperty("name").GetString());
        Assert.Equal("Notice", big.GetProperty("info").GetProperty("priority").GetString());
        Assert.Equal("in_range", big.GetProperty("info").GetProperty("condition").GetString());
        Assert.Equal(["in_range"], big.GetProperty("details").GetProperty("macros").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["<=", ">"], big.GetProperty("details").GetProperty("condition_operators").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["counter.n"], big.GetProperty("details").GetProperty("condition_fields").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["counter.n", "counter.text"], big.GetProperty("details").GetProperty("output_fields").EnumerateArray().Select(e => e.GetString()));
        var small = rules[2];
        Assert.False(small.GetProperty("info").GetProperty("enabled").GetBoolean());
        Assert.Equal(["small_numbers"], small.GetProperty("details").GetProperty("lists").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("in_range", root.GetProperty("macros")[0].GetProperty("info").GetProperty("name").GetString());
        Assert.Equal(["1", "2", "3"], root.GetProperty("lists")[0].GetProperty("info").GetProperty("items").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Small_l_describes_one_rule_and_fails_on_an_unknown_one()
    {
        var config = CounterSetup.Write(_folder);
        var (exit, stdout, _) = Cli.Run("-c", config, "-l", "Even counter");
        Assert.Equal(0, exit);
        Assert.EndsWith("Even counter".PadRight(50) + " an even counter event \n\n", stdout);
        Assert.DoesNotContain("Big counter", stdout);

        var json = Cli.Run("-c", config, "-l", "Even counter", "-o", "json_output=true");
        using var doc = JsonDocument.Parse(json.Out);
        Assert.Equal(["even", "test"], doc.RootElement.GetProperty("rules")[0].GetProperty("info").GetProperty("tags").EnumerateArray().Select(e => e.GetString()));
        Assert.False(doc.RootElement.TryGetProperty("macros", out _));

        var missing = Cli.Run("-c", config, "-l", "Nope");
        Assert.Equal(1, missing.Exit);
        Assert.Contains("Error: Rule \"Nope\" is not loaded", missing.Err);
    }
}
