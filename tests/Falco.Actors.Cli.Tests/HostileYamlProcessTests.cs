namespace Falco.Actors.Cli.Tests;

/// <summary>
/// The real <c>falco-actors</c> process given YAML built to exhaust it: it exits 1 at once with one line naming
/// the file and line, instead of a stack overflow (which kills the process with a 90,000-line trace) or a spin.
/// </summary>
public sealed class HostileYamlProcessTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_falco_yaml_nested_60000_deep_exits_1_with_one_line()
    {
        var config = _folder.Write("bomb.yaml", "rules_files: " + new string('[', 60_000) + new string(']', 60_000) + "\n");

        var (exit, stderr) = await RunAsync("-c", config);

        Assert.Equal(1, exit);
        Assert.Equal($"Error: {config}:1:", stderr[..($"Error: {config}:1:".Length)]);
        Assert.Contains("YAML nesting deeper than 1000 levels", stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("Stack overflow", stderr);
    }

    [Fact]
    public async Task A_rules_file_alias_bomb_exits_1_with_its_error()
    {
        var rules = new System.Text.StringBuilder("- list: l0\n  items: &l0 [a, a, a, a, a, a, a, a, a]\n");
        for (var level = 1; level <= 9; level++)
        {
            rules.Append($"- list: l{level}\n  items: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 9))}]\n");
        }
        var rulesFile = _folder.Write("bomb_rules.yaml", rules.ToString());
        var config = CounterSetup.Write(_folder);

        var (exit, stderr) = await RunAsync("-c", config, "-r", rulesFile);

        Assert.Equal(1, exit);
        Assert.Contains($"{rulesFile}:", stderr);
        Assert.Contains("YAML aliases expand to more than 100000 nodes", stderr);
        Assert.DoesNotContain("Stack overflow", stderr);
    }

    private async Task<(int Exit, string Stderr)> RunAsync(params string[] args)
    {
        var (exit, _, stderr, _) = await Cli.RunProcessAsync(_folder.Path, args);
        return (exit, stderr);
    }
}
