// Benchmarks print figures; they are never timed unit tests. Subcommands are added per benchmark.
using Falco.Actors.Bench;

switch (args.FirstOrDefault())
{
    case "rules":
        return RulesBenchmark.Run(loadOnly: args.Contains("--load-only"));
    case "wire":
        return WireBench.Run(args[1..]);
    default:
        Console.WriteLine("usage: dotnet run -c Release --project bench/Falco.Actors.Bench -- <benchmark>");
        Console.WriteLine("benchmarks:");
        Console.WriteLine("  rules   load+compile of 1,000 rules; ns and bytes per event of rule matching (1 rule, 22 CloudTrail rules without/with index)");
        Console.WriteLine("  wire [samples/cloudtrail]   bytes per event on the wire and CPU µs per batch of the cross-node messages");
        return args.Length == 0 ? 0 : 1;
}
