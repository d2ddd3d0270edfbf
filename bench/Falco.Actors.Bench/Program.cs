// Benchmarks print figures; they are never timed unit tests. Subcommands are added per benchmark.
using Falco.Actors.Bench;

switch (args.FirstOrDefault())
{
    case "rules":
        return RulesBenchmark.Run(loadOnly: args.Contains("--load-only"));
    case "pipeline":
        return PipelineBench.Run(args);
    default:
        Console.WriteLine("usage: dotnet run -c Release --project bench/Falco.Actors.Bench -- <benchmark>");
        Console.WriteLine("benchmarks:");
        Console.WriteLine("  rules   load+compile of 1,000 rules; ns and bytes per event of rule matching (1 rule, 22 CloudTrail rules without/with index)");
        Console.WriteLine("  " + PipelineBench.Usage);
        Console.WriteLine("          the whole engine single-node over a CloudTrail corpus (or --native: the C counter plugin); events/s, CPU, peak RSS");
        return args.Length == 0 ? 0 : 1;
}
