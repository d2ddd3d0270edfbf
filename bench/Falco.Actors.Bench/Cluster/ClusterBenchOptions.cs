using System.Globalization;
using Falco.Actors.Engine.Configuration;

namespace Falco.Actors.Bench.Cluster;

/// <summary>The command line of <c>bench -- cluster</c>.</summary>
internal sealed record ClusterBenchOptions(long Records, string? Corpus, IReadOnlyList<int> Nodes, double? KillAfter, IReadOnlyList<string> Overrides)
{
    /// <summary><c>--placement local|spread</c>: every node's FALCO_ACTORS_PLACEMENT; null: the engine's default.</summary>
    public ShardPlacement? Placement { get; init; }

    /// <summary><c>--insecure</c>: the nodes talk in the clear (FALCO_ACTORS_INSECURE), to measure what TLS costs.</summary>
    public bool Insecure { get; init; }

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
                "--placement" => options with { Placement = ParsePlacement(Value()) },
                "--insecure" => options with { Insecure = true },
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

    private static ShardPlacement ParsePlacement(string text) => ShardPlacementNames.Parse(text)
        ?? throw new ArgumentException($"--placement: expected {ShardPlacementNames.Local} or {ShardPlacementNames.Spread}, got '{text}'");

    private static ClusterBenchOptions Add(List<string> overrides, string value, ClusterBenchOptions options)
    {
        overrides.Add(value);
        return options;
    }
}
