using System.Globalization;

namespace Falco.Actors.Bench.Cluster;

/// <summary>The command line of <c>bench -- cluster</c>.</summary>
internal sealed record ClusterBenchOptions(long Records, string? Corpus, IReadOnlyList<int> Nodes, double? KillAfter, IReadOnlyList<string> Overrides)
{
    public static ClusterBenchOptions Parse(string[] args)
    {
        var options = new ClusterBenchOptions(1_000_000, null, [1, 2, 3], null, []);
        var overrides = new List<string>();
        // args[0] is the subcommand.
        for (var i = 1; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--records" => options with { Records = long.Parse(Value(), CultureInfo.InvariantCulture) },
                "--corpus" => options with { Corpus = Value() },
                "--nodes" => options with { Nodes = [.. Value().Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))] },
                "--kill-after" => options with { KillAfter = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "-o" => Add(overrides, Value(), options),
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        if (options.Nodes.Count == 0 || options.Nodes.Any(n => n < 1) || options.Nodes[0] != 1)
        {
            throw new ArgumentException("--nodes must start with 1 (the single node every run is compared with), e.g. 1,2,3");
        }
        return options with { Overrides = [.. overrides.SelectMany(o => new[] { "-o", o })] };
    }

    private static ClusterBenchOptions Add(List<string> overrides, string value, ClusterBenchOptions options)
    {
        overrides.Add(value);
        return options;
    }
}
