namespace Falco.Actors.CorpusGen.Verification;

using System.Collections.Concurrent;
using Falco.Actors.CorpusGen.Scenarios;

/// <summary>What --verify found: totals, rule counts from the oracle, and every problem with the file it is in.</summary>
public sealed class VerifyReport
{
    private long _records, _logFiles, _digestFiles, _jsonBytes;

    public ConcurrentQueue<string> Errors { get; } = new();
    public ConcurrentDictionary<string, long> RuleCounts { get; } = new(StringComparer.Ordinal);
    public long Records => Interlocked.Read(ref _records);
    public long LogFiles => Interlocked.Read(ref _logFiles);
    public long DigestFiles => Interlocked.Read(ref _digestFiles);
    public long JsonBytes => Interlocked.Read(ref _jsonBytes);
    public bool Ok => Errors.IsEmpty;

    public void AddLogFile(long records, long jsonBytes)
    {
        Interlocked.Increment(ref _logFiles);
        Interlocked.Add(ref _records, records);
        Interlocked.Add(ref _jsonBytes, jsonBytes);
    }

    public void AddDigestFile() => Interlocked.Increment(ref _digestFiles);

    public void Error(string where, string what) => Errors.Enqueue($"{where}: {what}");

    public void Print(TextWriter o)
    {
        o.WriteLine($"log files: {LogFiles}, digest files: {DigestFiles}, records: {Records}, mean record {(Records == 0 ? 0 : JsonBytes / Records)} bytes");
        foreach (string rule in RuleNames.All) o.WriteLine($"  {rule}: {RuleCounts.GetValueOrDefault(rule)}");
        const int shown = 50;
        foreach (string e in Errors.Take(shown)) o.WriteLine("ERROR " + e);
        if (Errors.Count > shown) o.WriteLine($"... and {Errors.Count - shown} more errors");
        o.WriteLine(Ok ? "verify: OK" : $"verify: FAILED ({Errors.Count} errors)");
    }
}
