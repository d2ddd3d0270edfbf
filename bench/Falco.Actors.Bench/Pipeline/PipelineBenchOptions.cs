using System.Globalization;

namespace Falco.Actors.Bench.Pipeline;

/// <summary>The <c>pipeline</c> benchmark's command line.</summary>
internal sealed class PipelineBenchOptions
{
    public string? Corpus { get; private set; }

    public long Records { get; private set; } = 1_000_000;

    public bool PlainJson { get; private set; }

    public bool Native { get; private set; }

    /// <summary>With <see cref="Native"/>: the counter plugin's session runs in a plugin-host process (isolation: process).</summary>
    public bool Isolated { get; private set; }

    public string? AlertsFile { get; private set; }

    public int? BatchSize { get; private set; }

    public int? BatchTimeMs { get; private set; }

    public int? InFlight { get; private set; }

    public int? Partitions { get; private set; }

    public static PipelineBenchOptions Parse(string[] args)
    {
        var o = new PipelineBenchOptions();
        for (var i = 1; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            int Int() => int.Parse(Value(), CultureInfo.InvariantCulture);
            switch (name)
            {
                case "--corpus": o.Corpus = Path.GetFullPath(Value()); break;
                case "--records": o.Records = long.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--json": o.PlainJson = true; break;
                case "--native": o.Native = true; break;
                case "--isolated": o.Isolated = true; break;
                case "--alerts": o.AlertsFile = Path.GetFullPath(Value()); break;
                case "--batch-size": o.BatchSize = Int(); break;
                case "--batch-time-ms": o.BatchTimeMs = Int(); break;
                case "--in-flight": o.InFlight = Int(); break;
                case "--partitions": o.Partitions = Int(); break;
                default: throw new ArgumentException($"unknown option {name}; usage: {PipelineBench.Usage}");
            }
        }
        if (o.Isolated && !o.Native)
        {
            throw new ArgumentException("--isolated runs the native counter plugin in a plugin-host process: give --native too");
        }
        if (o.Corpus is not null && !o.Native && BenchCorpus.RecordsIn(o.Corpus) is { } records)
        {
            o.Records = records; // an existing corpus is used as it is
        }
        return o;
    }

    /// <summary>The falco.yaml <c>engine_actors:</c> section for the settings given (the engine's defaults otherwise).</summary>
    public string EngineActorsYaml()
    {
        var d = Engine.Configuration.EngineActorsConfig.Default;
        return $"""
            engine_actors:
              batch_size: {BatchSize ?? d.BatchSize}
              batch_time_ms: {BatchTimeMs ?? d.BatchTimeMs}
              batches_in_flight: {InFlight ?? d.BatchesInFlight}
              partitions: {Partitions ?? d.Partitions}
            {(Isolated ? "  plugins: {counter: {isolation: process}}" : "")}
            """;
    }
}
