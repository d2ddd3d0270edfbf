namespace Falco.Actors.CorpusGen;

using System.Globalization;
using System.IO.Compression;

/// <summary>Command-line options of the generator; <see cref="Parse"/> names the offending option on error.</summary>
public sealed class CorpusOptions
{
    public string? OutputDirectory { get; private set; }
    public string? VerifyDirectory { get; private set; }
    public long Records { get; private set; } = 10_000;
    public ulong Seed { get; private set; } = 1;
    public bool Gzip { get; private set; } = true;
    public int RecordsPerFile { get; private set; } = 500;
    public DateTime Start { get; private set; } = new(2024, 8, 1, 0, 0, 0, DateTimeKind.Utc);
    public double Days { get; private set; } = 1;
    public IReadOnlyList<string> Accounts { get; private set; } = ["123456789012", "210987654321", "345678901234"];
    public IReadOnlyList<string> Regions { get; private set; } = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"];
    /// <summary>Share of records that are planted scenarios (triggers and near misses), beyond the guaranteed ones.</summary>
    public double ScenarioRate { get; private set; } = 0.002;
    /// <summary>Each scenario is planted at least this many times (if the corpus has room).</summary>
    public int MinEach { get; private set; } = 3;
    public CompressionLevel Compression { get; private set; } = CompressionLevel.Fastest;
    public int Parallelism { get; private set; } = Environment.ProcessorCount;
    public string CommandLine { get; private set; } = "";

    public const string Usage = """
        usage:
          falco-corpusgen --out <dir> [--records N] [--seed S] [--gzip true|false] [--records-per-file M]
                          [--start 2024-08-01T00:00:00Z] [--days D] [--accounts 123456789012,...]
                          [--regions us-east-1,...] [--scenario-rate 0.002] [--min-each 3]
                          [--compression fastest|optimal|smallest] [--parallelism P]
          falco-corpusgen --verify <dir>
        """;

    public static CorpusOptions Parse(string[] args)
    {
        var o = new CorpusOptions { CommandLine = Reproducible(args) };
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"option {name} needs a value");
            switch (name)
            {
                case "--out": o.OutputDirectory = Value(); break;
                case "--verify": o.VerifyDirectory = Value(); break;
                case "--records": o.Records = Positive(name, long.Parse(Value(), CultureInfo.InvariantCulture)); break;
                case "--seed": o.Seed = ulong.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--gzip": o.Gzip = bool.Parse(Value()); break;
                case "--records-per-file": o.RecordsPerFile = (int)Positive(name, int.Parse(Value(), CultureInfo.InvariantCulture)); break;
                case "--start":
                    o.Start = DateTime.Parse(Value(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                    break;
                case "--days": o.Days = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--accounts": o.Accounts = List(name, Value(), a => a.Length == 12 && a.All(char.IsAsciiDigit), "12-digit account ids"); break;
                case "--regions": o.Regions = List(name, Value(), r => r.Count(ch => ch == '-') >= 2, "region names like us-east-1"); break;
                case "--scenario-rate": o.ScenarioRate = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--min-each": o.MinEach = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--compression":
                    o.Compression = Value() switch
                    {
                        "fastest" => CompressionLevel.Fastest,
                        "optimal" => CompressionLevel.Optimal,
                        "smallest" => CompressionLevel.SmallestSize,
                        var other => throw new ArgumentException($"option --compression wants fastest, optimal or smallest; got '{other}'"),
                    };
                    break;
                case "--parallelism": o.Parallelism = (int)Positive(name, int.Parse(Value(), CultureInfo.InvariantCulture)); break;
                case "--help" or "-h": throw new ArgumentException("help");
                default: throw new ArgumentException($"unknown option {name}");
            }
        }
        if (o.OutputDirectory is null && o.VerifyDirectory is null) throw new ArgumentException("one of --out or --verify is required");
        if (o.ScenarioRate is < 0 or > 1) throw new ArgumentException("--scenario-rate must be between 0 and 1");
        if (o.Days <= 0) throw new ArgumentException("--days must be positive");
        return o;
    }

    /// <summary>The arguments that shape the output (parallelism and --verify do not), for the manifest.</summary>
    private static string Reproducible(string[] args)
    {
        var kept = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] is "--parallelism" or "--verify") { i++; continue; }
            kept.Add(args[i]);
        }
        return string.Join(' ', kept);
    }

    private static long Positive(string name, long value) =>
        value > 0 ? value : throw new ArgumentException($"option {name} must be positive, got {value}");

    private static string[] List(string name, string value, Func<string, bool> valid, string what)
    {
        string[] items = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string? bad = items.FirstOrDefault(x => !valid(x));
        if (items.Length == 0 || bad is not null) throw new ArgumentException($"option {name} wants {what}; got '{bad ?? value}'");
        return items;
    }
}
