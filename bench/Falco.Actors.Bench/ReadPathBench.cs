using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Falco.Actors.Json.Parsing;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.CloudTrail;
using Falco.Actors.Plugins.CloudTrail.Fields;
using Falco.Actors.Plugins.CloudTrail.Reading;
using Falco.Actors.Plugins.CloudTrail.Sources;
using Falco.Actors.Plugins.Events;
using Falco.Actors.Plugins.Json;
using Falco.Actors.Plugins.Managed;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Bench;

/// <summary>
/// <c>read</c>: the CloudTrail plugin's per-event path, single-threaded, on a generated corpus
/// (<c>--gz DIR</c> of .json.gz files, <c>--json DIR</c> of plain .json files; default the samples):
/// (1) gunzip only, (2) gunzip + split + eventTime (the source's work, files in memory), (3) the same through the
/// managed plugin session's NextBatch into an EventBatch (files on disk), (4) extraction of the fields the
/// CloudTrail rules' conditions use, as one request list per plugin, sharing one parse. Wall and process CPU time,
/// bytes allocated by the measuring thread; the best of several runs (least disturbed by other load).
/// <c>--runs N</c> sets the runs, <c>--only 2,4c</c> measures only the cases whose number starts so.
/// </summary>
internal static class ReadPathBench
{
    private const int ExtractionEvents = 20_000;
    private static string[]? s_only;

    private static readonly string[] ConditionCtFields =
        ["ct.name", "ct.src", "ct.error", "ct.user.identitytype", "ct.region", "ct.request.username"];

    private static readonly string[] ConditionJsonPointers =
    [
        "/responseElements/ConsoleLogin",
        "/additionalEventData/MFAUsed",
        "/requestParameters/publicAccessBlock",
        "/requestParameters/PublicAccessBlockConfiguration/BlockPublicAcls",
        "/requestParameters/PublicAccessBlockConfiguration/BlockPublicPolicy",
        "/requestParameters/PublicAccessBlockConfiguration/IgnorePublicAcls",
        "/requestParameters/PublicAccessBlockConfiguration/RestrictPublicBuckets",
    ];

    public static int Run(string[] args)
    {
        var gzDir = Option(args, "--gz") ?? "samples/cloudtrail";
        var jsonDir = Option(args, "--json");
        var runs = int.Parse(Option(args, "--runs") ?? "5", System.Globalization.CultureInfo.InvariantCulture);
        s_only = Option(args, "--only")?.Split(',');
        Console.WriteLine("Falco.Actors read-path benchmark (single thread; best of " + runs + " runs)");
        if (File.Exists("/proc/loadavg"))
        {
            Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()} on {Environment.ProcessorCount} cores");
        }
        Console.WriteLine($"{"case",-52} {"wall/s",12} {"cpu/s",12} {"unit",-10} {"B/unit",8}");

        var gz = LoadFiles(gzDir);
        Console.WriteLine($"{gzDir}: {gz.Length} files, {gz.Sum(f => (long)f.Bytes.Length) / 1e6:F1} MB stored");
        var gzRecords = 0L;
        var gzJsonBytes = 0L;
        Measure("(1) gunzip only (MB of JSON)", runs, () => gzJsonBytes = Gunzip(gz), n => n / 1e6, "MB");
        Measure("(2) gunzip+split+eventTime", runs, () => gzRecords = SourceWork(gz), n => n, "records");
        Console.WriteLine($"    {gzRecords:N0} records, {gzJsonBytes / 1e6:F1} MB JSON, {(double)gzJsonBytes / Math.Max(1, gzRecords):F0} B/record");
        Measure("(3) plugin session NextBatch (.json.gz)", runs, () => Session(gzDir), n => n, "records");
        if (jsonDir is not null)
        {
            var json = LoadFiles(jsonDir);
            Console.WriteLine($"{jsonDir}: {json.Length} files, {json.Sum(f => (long)f.Bytes.Length) / 1e6:F1} MB");
            Measure("(2') split+eventTime (.json)", runs, () => SourceWork(json), n => n, "records");
            Measure("(3') plugin session NextBatch (.json)", runs, () => Session(jsonDir), n => n, "records");
        }

        var events = Events(gzDir, ExtractionEvents);
        Console.WriteLine($"extraction: {events.Length:N0} events, fields {string.Join(", ", ConditionCtFields)}, " +
            $"json.value[{string.Join("] [", ConditionJsonPointers)}]");
        var reps = Math.Max(1, 200_000 / events.Length);
        Measure("(4a) Utf8JsonReader walk (reference)", runs, () => ReaderWalk(events, reps), n => n, "events", perUnitNs: true);
        Measure("(4b) parse only (JsonTape)", runs, () => ParseOnly(events, reps), n => n, "events", perUnitNs: true);
        Measure("(4c) extraction, condition fields (13)", runs, () => Extraction(events, reps), n => n, "events", perUnitNs: true);
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private sealed record InMemoryFile(string Name, byte[] Bytes);

    private static InMemoryFile[] LoadFiles(string dir) =>
        LocalLogFileSource.Open(dir).Files.Select(f => new InMemoryFile(f, File.ReadAllBytes(f))).ToArray();

    /// <summary>Runs <paramref name="work"/> (returning a count) and prints its best rate by wall and by CPU time.</summary>
    private static void Measure(string name, int runs, Func<long> work, Func<long, double> scale, string unit, bool perUnitNs = false)
    {
        if (s_only is not null && !s_only.Any(o => name.StartsWith("(" + o, StringComparison.Ordinal)))
        {
            return;
        }
        work();
        var bestWall = double.MaxValue;
        var bestCpu = double.MaxValue;
        long count = 0;
        long allocated = 0;
        for (var r = 0; r < runs; r++)
        {
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var alloc0 = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            count = work();
            var wall = sw.Elapsed.TotalSeconds;
            allocated = GC.GetAllocatedBytesForCurrentThread() - alloc0;
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            bestWall = Math.Min(bestWall, wall);
            bestCpu = Math.Min(bestCpu, cpu);
        }
        var amount = scale(count);
        var perUnit = count == 0 ? 0 : (double)allocated / count;
        if (perUnitNs)
        {
            Console.WriteLine($"{name,-52} {bestWall * 1e9 / count,9:F0} ns {bestCpu * 1e9 / count,9:F0} ns {unit,-10} {perUnit,8:F1}");
        }
        else
        {
            Console.WriteLine($"{name,-52} {amount / bestWall,12:N0} {amount / bestCpu,12:N0} {unit,-10} {perUnit,8:F1}");
        }
    }

    private static long Gunzip(InMemoryFile[] files)
    {
        var buffer = new byte[256 * 1024];
        long total = 0;
        foreach (var f in files)
        {
            using var gz = new GZipStream(new MemoryStream(f.Bytes), CompressionMode.Decompress);
            int n;
            while ((n = gz.Read(buffer)) > 0)
            {
                total += n;
            }
        }
        return total;
    }

    private sealed class InMemorySource(InMemoryFile[] files) : ILogFileSource
    {
        private int _next;

        public int TotalFiles => files.Length;

        public int FilesStarted => _next;

        public FetchStatus Next(out LogFile? file, CancellationToken cancel = default)
        {
            if (_next == files.Length)
            {
                file = null;
                return FetchStatus.End;
            }
            var f = files[_next++];
            file = new LogFile(f.Name, new MemoryStream(f.Bytes, writable: false));
            return FetchStatus.File;
        }

        public void Dispose()
        {
        }
    }

    private static long SourceWork(InMemoryFile[] files)
    {
        using var reader = new CloudTrailEventReader(new InMemorySource(files), _ => { });
        long n = 0;
        ulong check = 0;
        while (reader.Next(out var record) == ReadStatus.Record)
        {
            n++;
            check ^= record.TimestampNs;
        }
        GC.KeepAlive(check);
        return n;
    }

    // The engine reuses its batches: one for every run, so that its buffer is not counted per event.
    private static readonly EventBatch s_batch = new(CloudTrailEventStream.MaxEventsPerBatch, 8 * 1024 * 1024);

    private static long Session(string dir)
    {
        using var instance = new ManagedPlugin(new CloudTrailPlugin()).CreateInstance("");
        using var session = instance.Open(dir);
        var batch = s_batch;
        long n = 0;
        while (true)
        {
            batch.Clear();
            var status = session.NextBatch(batch);
            n += batch.Count;
            if (status == BatchStatus.Eof)
            {
                return n;
            }
        }
    }

    private static PluginEvent[] Events(string dir, int max)
    {
        using var instance = new ManagedPlugin(new CloudTrailPlugin()).CreateInstance("");
        using var session = instance.Open(dir);
        var batch = new EventBatch(CloudTrailEventStream.MaxEventsPerBatch, 2 * 1024 * 1024);
        List<PluginEvent> events = [];
        while (events.Count < max)
        {
            batch.Clear();
            var status = session.NextBatch(batch);
            for (var i = 0; i < batch.Count && events.Count < max; i++)
            {
                var e = batch[i];
                events.Add(e with { Payload = e.Payload.ToArray() });
            }
            if (status == BatchStatus.Eof)
            {
                break;
            }
        }
        return [.. events];
    }

    private static long ReaderWalk(PluginEvent[] events, int reps)
    {
        long tokens = 0;
        for (var r = 0; r < reps; r++)
        {
            foreach (var e in events)
            {
                var reader = new Utf8JsonReader(e.Payload.Span);
                while (reader.Read())
                {
                    tokens++;
                }
            }
        }
        GC.KeepAlive(tokens);
        return (long)events.Length * reps;
    }

    private static long ParseOnly(PluginEvent[] events, int reps)
    {
        var tape = new JsonTape();
        for (var r = 0; r < reps; r++)
        {
            foreach (var e in events)
            {
                tape.Parse(e.Payload);
            }
        }
        return (long)events.Length * reps;
    }

    private static long Extraction(PluginEvent[] events, int reps)
    {
        using var ct = new ManagedPlugin(new CloudTrailPlugin()).CreateInstance("");
        using var json = new ManagedPlugin(new JsonPlugin()).CreateInstance("");
        var byName = CloudTrailFields.All.Select((f, i) => (f.Name, i)).ToDictionary(p => p.Name, p => p.i);
        var ctRequests = ConditionCtFields
            .Select((name, i) => new FieldRequest(i, byName[name], FieldType.String, false, FieldArgument.Absent)).ToArray();
        var jsonRequests = ConditionJsonPointers
            .Select((p, i) => new FieldRequest(ctRequests.Length + i, JsonPluginFields.Table.IdOf("json.value"), FieldType.String, false, FieldArgument.OfKey(p)))
            .ToArray();
        var values = new FieldValues(ctRequests.Length + jsonRequests.Length);
        var ctx = ct.Extractor!;
        var jx = json.Extractor!;
        ulong num = 0;
        for (var r = 0; r < reps; r++)
        {
            foreach (var e in events)
            {
                // A new event number each time, as the engine gives, so the record cache parses every event.
                var evt = e with { Num = ++num };
                values.Reset();
                ctx.Extract(evt, ctRequests, values);
                jx.Extract(evt, jsonRequests, values);
            }
        }
        return (long)events.Length * reps;
    }
}
