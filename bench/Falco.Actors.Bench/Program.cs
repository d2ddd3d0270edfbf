// Benchmarks print figures; they are never timed unit tests. Subcommands are added per benchmark.
return args.FirstOrDefault() switch
{
    "wire" => Falco.Actors.Bench.WireBench.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: dotnet run -c Release --project bench/Falco.Actors.Bench -- <benchmark>");
    Console.WriteLine("  wire [samples/cloudtrail]   bytes per event and µs per batch of the cross-node messages");
    return 0;
}
