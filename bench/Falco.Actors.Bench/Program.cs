// Benchmarks print figures; they are never timed unit tests. Subcommands are added per benchmark.
using Falco.Actors.Bench;

switch (args.FirstOrDefault())
{
    case "rules":
        return RulesBenchmark.Run(loadOnly: args.Contains("--load-only"));
    case "read": return ReadPathBench.Run(args); // [--gz DIR] [--json DIR] [--runs N]: CloudTrail read path and extraction
    case "plugins":
        return Falco.Actors.Bench.Plugins.PluginsBenchmark.Run(OptionValue("--corpus"),
            long.Parse(OptionValue("--records") ?? "100000"));
    case "wire":
        return WireBench.Run(args[1..]);
    case "pipeline":
        return PipelineBench.Run(args);
    case "cluster": return Falco.Actors.Bench.Cluster.ClusterBench.Run(args);
    default:
        Console.WriteLine("usage: dotnet run -c Release --project bench/Falco.Actors.Bench -- <benchmark>");
        Console.WriteLine("benchmarks:");
        Console.WriteLine("  read    [--gz DIR] [--json DIR] [--runs N]   the CloudTrail read path: gunzip, split, plugin session, extraction");
        Console.WriteLine("  rules   load+compile of 1,000 rules; ns and bytes per event of rule matching (1 rule, 22 CloudTrail rules without/with index)");
        Console.WriteLine("  plugins [--corpus <dir>] [--records N]   cloudtrail reading (.json.gz and .json: records/s, MB/s) and cloudtrail+json");
        Console.WriteLine("          extraction of the rule set's fields (ns, bytes per event); without --corpus, N records (default 100,000)");
        Console.WriteLine("          are generated with tools/Falco.Actors.CorpusGen");
        Console.WriteLine("  wire [samples/cloudtrail]   bytes per event on the wire and CPU µs per batch of the cross-node messages");
        Console.WriteLine("  " + PipelineBench.Usage);
        Console.WriteLine("          the whole engine single-node over a CloudTrail corpus (or --native: the C counter plugin); events/s, CPU, peak RSS");
        Console.WriteLine("  " + Falco.Actors.Bench.Cluster.ClusterBench.Usage + "   1 node vs 2 and 3 node processes on 127.0.0.1");
        return args.Length == 0 ? 0 : 1;
}

string? OptionValue(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
