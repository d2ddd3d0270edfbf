using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Falco.Actors.Bench.Cluster;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Cluster.Serialization;
using Falco.Actors.Engine.Evaluation;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Sources;
using Falco.Actors.Plugins.Events;
using Falco.Actors.Rules;

namespace Falco.Actors.Bench;

/// <summary>
/// <c>wire</c>: the cost of the cross-node messages on real CloudTrail records (the bundled sample, one payload per
/// record as the plugin emits it): bytes per event on the wire against payload bytes, and µs per batch (CPU) to serialize and to deserialize, through a remoting ActorSystem's serialization (actor paths with addresses, as on the wire) bound as the engine binds it.
/// </summary>
internal static class WireBench
{
    public static int Run(string[] args)
    {
        var root = args.Length > 0 ? args[0] : FindSamples();
        var records = ReadRecords(root);
        Console.WriteLine($"records: {records.Count} from {root}, mean {records.Average(r => r.Length):0} payload bytes");
        using var system = ActorSystem.Create("falco-actors", ConfigurationFactory.ParseString("""
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
            akka.stdout-loglevel = OFF
            akka.loglevel = OFF
            """).WithFallback(WireSerializationHosting.Hocon));
        var outputs = system.ActorOf(Props.Empty, "outputs");
        var guardian = system.ActorOf(Props.Empty, "source-aws_cloudtrail");
        var serializer = (Akka.Serialization.SerializerWithStringManifest)system.Serialization.FindSerializerForType(typeof(EvaluateBatch));
        Console.WriteLine($"serializer: {serializer.GetType().Name} (id {serializer.Identifier})");
        foreach (var size in new[] { 128, 512 })
        {
            var batches = Batches(records, size);
            var messages = batches.Select((b, i) => new EvaluateBatch($"aws_cloudtrail/{i % 4}", "aws_cloudtrail", i + 1, b, outputs, guardian)).ToArray();
            Measure($"eb1 EvaluateBatch x{size}", serializer, messages, m => m.Batch.Count, m => m.Batch.PayloadBytes);
        }
        var alerts = Enumerable.Range(0, 64).Select(i => Alert(i)).ToArray();
        foreach (var count in new[] { 1, 16, 64 })
        {
            var message = new AlertBatch("aws_cloudtrail", 7, alerts[..count]);
            Measure($"ab1 AlertBatch x{count}", serializer, [message], m => m.Alerts.Count, m => m.Alerts.Sum(a => a.Text.Length + (a.Json?.Length ?? 0)));
        }
        Measure("bd1 BatchDone", serializer, [new BatchDone("aws_cloudtrail", 123_456, 512, 3, 0)], _ => 1, _ => 0);
        // In a cluster a batch's alerts go on from its guardian to the router singleton, with the plugin's position.
        var at = new StreamPosition(21_504, "ct1:17:AWSLogs/123456789012/CloudTrail/us-east-1/2024/08/01/123456789012_CloudTrail_us-east-1_20240801T0000Z_abc.json.gz");
        foreach (var count in new[] { 0, 16 })
        {
            var message = new SourceAlerts("aws_cloudtrail", 638_000_000_000_000_000, 7, 5, 21_504, alerts[..count], at);
            Measure($"sa2 SourceAlerts x{count}", serializer, [message], m => Math.Max(1, m.Alerts.Count), m => m.Alerts.Sum(a => a.Text.Length + (a.Json?.Length ?? 0)));
        }
        Measure("sw1 SourceAlertsWritten", serializer, [new SourceAlertsWritten("aws_cloudtrail", 638_000_000_000_000_000, 123_456)], _ => 1, _ => 0);
        return 0;
    }

    private static void Measure<T>(string name, Akka.Serialization.SerializerWithStringManifest serializer, T[] messages, Func<T, int> items, Func<T, long> payload)
        where T : notnull
    {
        var manifest = serializer.Manifest(messages[0]);
        var blobs = messages.Select(m => serializer.ToBinary(m)).ToArray();
        var rounds = Math.Max(20, 400_000 / messages.Sum(items));
        // Warm up past tiered compilation (a method is recompiled optimised after 30 calls and a 100 ms delay):
        // measured in its first tier, a call costs several times what it costs in steady state.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.ElapsedMilliseconds < 1500)
        {
            foreach (var m in messages) serializer.ToBinary(m);
            foreach (var b in blobs) serializer.FromBinary(b, manifest);
        }
        var calls = (double)rounds * messages.Length;
        // Best of three: the machine is shared, and a run slowed by other work says nothing about the serializer.
        var writes = Enumerable.Range(0, 3).Select(_ => Time(calls, () =>
        {
            for (var r = 0; r < rounds; r++)
            {
                foreach (var m in messages) serializer.ToBinary(m);
            }
        })).ToArray();
        var reads = Enumerable.Range(0, 3).Select(_ => Time(calls, () =>
        {
            for (var r = 0; r < rounds; r++)
            {
                foreach (var b in blobs) serializer.FromBinary(b, manifest);
            }
        })).ToArray();
        var (write, writeThread, writeGc) = (writes.Min(t => t.Process), writes.Min(t => t.Thread), writes[0].Gc);
        var (read, readThread, readGc) = (reads.Min(t => t.Process), reads.Min(t => t.Thread), reads[0].Gc);
        var itemCount = messages.Sum(items);
        var wire = blobs.Sum(b => (long)b.Length);
        var content = messages.Sum(payload);
        Console.WriteLine($"{name,-24} {wire / (double)itemCount,9:0.0} B/item on the wire ({content / (double)itemCount,7:0.0} B content, {(wire - content) / (double)itemCount,5:0.0} B overhead)  serialize {write,8:0.00} µs/msg  deserialize {read,8:0.00} µs/msg (CPU)  ({(write + read) * messages.Length / itemCount * 1000,6:0} ns/item both)");
        Console.WriteLine($"{"",-24} CPU of the calling thread alone: serialize {writeThread,7:0.00} µs/msg, deserialize {readThread,7:0.00} µs/msg ({(writeThread + readThread) * messages.Length / itemCount * 1000:0} ns/item both)");
        Console.WriteLine($"{"",-24} allocated: serialize {writeGc}; deserialize {readGc} ({calls:0} calls each, best of 3)");
    }

    /// <summary>
    /// CPU µs per call of the process (GC and every other thread included: Akka's idle dispatchers too) and of the
    /// calling thread alone, and what the calls allocated; not wall time: the figures hold on a shared machine.
    /// </summary>
    private static (double Process, double Thread, string Gc) Time(double calls, Action run)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var thread = ThreadCpu.Now();
        var (allocated, gen0, gen2) = (GC.GetAllocatedBytesForCurrentThread(), GC.CollectionCount(0), GC.CollectionCount(2));
        run();
        process.Refresh();
        return ((process.TotalProcessorTime - cpu).TotalMicroseconds / calls, (ThreadCpu.Now() - thread).TotalMicroseconds / calls,
            $"{(GC.GetAllocatedBytesForCurrentThread() - allocated) / calls / 1024,6:0.0} KB/msg, GCs gen0 {GC.CollectionCount(0) - gen0} gen2 {GC.CollectionCount(2) - gen2}");
    }

    private static List<EventBatch> Batches(IReadOnlyList<byte[]> records, int size)
    {
        var batches = new List<EventBatch>();
        var timestamp = 1_722_470_400_000_000_000UL;
        for (var i = 0; i < records.Count; i += size)
        {
            var batch = new EventBatch(size);
            for (var j = i; j < Math.Min(records.Count, i + size); j++)
            {
                timestamp += (ulong)(j % 7) * 1_000_000_000UL;
                batch.Add((ulong)j + 1, timestamp, 2, records[j]);
            }
            batches.Add(batch);
        }
        return batches;
    }

    private static List<byte[]> ReadRecords(string root)
    {
        var records = new List<byte[]>();
        foreach (var file in Directory.EnumerateFiles(root, "*.json.gz", SearchOption.AllDirectories).Where(f => !f.Contains("Digest")).Order())
        {
            using var gz = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
            using var doc = JsonDocument.Parse(gz);
            foreach (var record in doc.RootElement.GetProperty("Records").EnumerateArray())
            {
                records.Add(JsonSerializer.SerializeToUtf8Bytes(record));
            }
        }
        return records;
    }

    private static FormattedAlert Alert(int i)
    {
        var text = $"2024-08-01T00:{i % 60:00}:00.000000000+0000: Critical Detected a console login without multi-factor authentication " +
                   $"(requesting user=user-{i}, requesting IP=203.0.113.{i % 250}, AWS region=us-east-1, user agent=Mozilla/5.0 (Macintosh))";
        var json = $$"""{"hostname":"node-1","output":"{{text}}","output_fields":{"ct.region":"us-east-1","ct.srcip":"203.0.113.{{i % 250}}","ct.user":"user-{{i}}","evt.time":1722470400000000000},"priority":"Critical","rule":"Console Login Without MFA","source":"aws_cloudtrail","tags":["aws","aws_console","cloud"],"time":"2024-08-01T00:00:00.000000000Z"}""";
        return new FormattedAlert(i % 3 == 0 ? "Console Login Without MFA" : "Create AWS user", Priority.Critical, "aws_cloudtrail",
            ["aws", "aws_console", "cloud"], 1_722_470_400_000_000_000UL + (ulong)i * 1_000_000, text, json);
    }

    private static string FindSamples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var samples = Path.Combine(dir.FullName, "samples", "cloudtrail");
            if (Directory.Exists(samples))
            {
                return samples;
            }
        }
        throw new DirectoryNotFoundException("samples/cloudtrail was not found above " + AppContext.BaseDirectory + "; pass its path");
    }
}
