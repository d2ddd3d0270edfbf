// Benchmarks print figures; they are never timed unit tests. Subcommands are added per benchmark.
Console.WriteLine("usage: dotnet run -c Release --project bench/Falco.Actors.Bench -- <benchmark>");
return 0;
