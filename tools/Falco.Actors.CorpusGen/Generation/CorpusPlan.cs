namespace Falco.Actors.CorpusGen.Generation;

using Falco.Actors.CorpusGen.Catalog;
using Falco.Actors.CorpusGen.Scenarios;

/// <summary>One account/region pair: CloudTrail writes one series of log files per pair.</summary>
public sealed record LogStream(int Index, Account Account, string Region, bool Home);

/// <summary>One log file to write: which stream, which 5-minute window, which records.</summary>
public sealed record PlannedFile(int Index, LogStream Stream, DateTime WindowStart, int RecordCount, long FirstRecord)
{
    /// <summary>Scenarios that must appear in this file, by position in the file.</summary>
    public Dictionary<int, Scenario> Planted { get; } = [];
}

/// <summary>
/// The whole corpus laid out before writing: files spread over streams and time, and the guaranteed scenario
/// placements. Small (one entry per file), so 10M records plan as ~20k entries.
/// </summary>
public sealed class CorpusPlan
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public required IReadOnlyList<LogStream> Streams { get; init; }
    public required IReadOnlyList<PlannedFile> Files { get; init; }
    public required string HomeRegion { get; init; }

    public static CorpusPlan Create(CorpusOptions options)
    {
        string home = options.Regions.Contains("us-east-1") ? "us-east-1" : options.Regions[0];
        var accounts = options.Accounts.Select(a => AccountFactory.Create(a, options.Seed)).ToArray();
        var streams = new List<LogStream>();
        foreach (Account account in accounts)
            foreach (string region in options.Regions)
                streams.Add(new LogStream(streams.Count, account, region, region == home));

        long fileCount = (options.Records + options.RecordsPerFile - 1) / options.RecordsPerFile;
        long windowsPerStream = (fileCount + streams.Count - 1) / streams.Count;
        double spanMinutes = options.Days * 24 * 60;
        int strideWindows = Math.Max(1, (int)(spanMinutes / Window.TotalMinutes / windowsPerStream));
        var files = new List<PlannedFile>((int)fileCount);
        long first = 0;
        for (int f = 0; f < fileCount; f++)
        {
            LogStream stream = streams[f % streams.Count];
            long window = f / streams.Count;
            int count = (int)Math.Min(options.RecordsPerFile, options.Records - first);
            files.Add(new PlannedFile(f, stream, options.Start + Window * (window * strideWindows), count, first));
            first += count;
        }
        var plan = new CorpusPlan { Streams = streams, Files = files, HomeRegion = home };
        plan.Plant(options);
        return plan;
    }

    /// <summary>Places each scenario MinEach times at seeded positions; global ones only in home-region files.</summary>
    private void Plant(CorpusOptions options)
    {
        var rng = new Rng(options.Seed, 0x91A47);
        PlannedFile[] homeFiles = Files.Where(f => f.Stream.Home).ToArray();
        long capacity = Files.Sum(f => (long)f.RecordCount);
        foreach (Scenario scenario in ScenarioCatalog.All)
        {
            IReadOnlyList<PlannedFile> eligible = scenario.Global ? homeFiles : Files;
            for (int copy = 0; copy < options.MinEach && eligible.Count > 0; copy++)
            {
                if (Files.Sum(f => (long)f.Planted.Count) >= capacity / 2) return;
                PlannedFile file = rng.Pick(eligible);
                int position = rng.Next(file.RecordCount);
                for (int tries = 0; file.Planted.ContainsKey(position) && tries < file.RecordCount; tries++)
                    position = (position + 1) % file.RecordCount;
                file.Planted.TryAdd(position, scenario);
            }
        }
    }
}
