namespace Falco.Actors.CorpusGen.Generation;

using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Falco.Actors.CorpusGen.Catalog;
using Falco.Actors.CorpusGen.Layout;
using Falco.Actors.CorpusGen.Scenarios;

/// <summary>
/// Writes one CloudTrail log file, {"Records":[...]}, records in eventTime order across the file's 5-minute
/// window. Each file has its own random stream (seed, file index), so files can be written in parallel and
/// the corpus is the same whatever the parallelism.
/// </summary>
public sealed class LogFileGenerator
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };
    private static readonly JsonEncodedText RecordsName = JsonEncodedText.Encode("Records");
    private const double BenignErrorRate = 0.025;

    private readonly CorpusOptions _options;
    private readonly Scenario[] _homeScenarios;
    private readonly Scenario[] _regionalScenarios;
    private readonly Dictionary<Scenario, int> _scenarioIndex;

    public LogFileGenerator(CorpusOptions options)
    {
        _options = options;
        _homeScenarios = ScenarioCatalog.All.ToArray();
        _regionalScenarios = ScenarioCatalog.All.Where(s => !s.Global).ToArray();
        _scenarioIndex = ScenarioCatalog.All.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);
    }

    public FileResult Write(PlannedFile file, string outputDirectory)
    {
        var rng = new Rng(_options.Seed, (ulong)file.Index + 1);
        LogStream stream = file.Stream;
        DateTime delivered = file.WindowStart + CorpusPlan.Window + TimeSpan.FromMinutes(rng.Next(5));
        string key = LogKeys.LogFile(stream.Account.Id, stream.Region, delivered, Ids.MixedAlnum(rng, 16), _options.Gzip);

        var counts = new int[ScenarioCatalog.All.Count];
        var buffer = new MemoryStream(64 * 1024);
        Stream sink = _options.Gzip ? new GZipStream(buffer, _options.Compression, leaveOpen: true) : buffer;
        DateTime oldest = default, newest = default;
        long uncompressed;
        using (var w = new Utf8JsonWriter(sink, WriterOptions))
        {
            w.WriteStartObject();
            w.WritePropertyName(RecordsName);
            w.WriteStartArray();
            var c = new RecordContext(rng) { Account = stream.Account, Region = stream.Region };
            BenignMix mix = stream.Home ? BenignMix.Home : BenignMix.Regional;
            Scenario[] sprinkled = stream.Home ? _homeScenarios : _regionalScenarios;
            long stepMs = (long)CorpusPlan.Window.TotalMilliseconds / Math.Max(1, file.RecordCount);
            for (int i = 0; i < file.RecordCount; i++)
            {
                c.Time = file.WindowStart.AddMilliseconds(i * stepMs + rng.NextLong(Math.Max(1, stepMs)));
                c.Time = c.Time.AddTicks(-(c.Time.Ticks % TimeSpan.TicksPerSecond));
                if (i == 0) oldest = c.Time;
                newest = c.Time;
                Scenario? scenario = file.Planted.GetValueOrDefault(i);
                if (scenario is null && rng.Chance(_options.ScenarioRate)) scenario = rng.Pick(sprinkled);
                if (scenario is not null)
                {
                    scenario.Prepare(c);
                    counts[_scenarioIndex[scenario]]++;
                }
                else PrepareBenign(c, mix);
                RecordWriter.Write(w, c);
                if (w.BytesPending > 32 * 1024) w.Flush();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.Flush();
            uncompressed = w.BytesCommitted;
        }
        if (_options.Gzip) sink.Dispose();
        byte[] bytes = buffer.ToArray();
        string path = Path.Combine(outputDirectory, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return new FileResult(file, key, delivered, Convert.ToHexStringLower(SHA256.HashData(bytes)), oldest, newest,
            uncompressed, bytes.Length, counts);
    }

    private static void PrepareBenign(RecordContext c, BenignMix mix)
    {
        ApiCall call = mix.Pick(c.Rng);
        Principal caller = c.Account.PickBenignCaller(c.Rng);
        if (caller.Type == IdentityType.AWSService && !call.ServiceCallable) caller = c.Rng.Pick(c.Account.Roles);
        c.Reset(call, caller);
        // Workloads inside the VPC reach S3 and DynamoDB through gateway endpoints.
        if (call.Data && caller.Type == IdentityType.AssumedRole && !caller.Human && c.Rng.Chance(0.3))
        {
            c.VpcEndpointId = c.Account.VpcEndpointId;
            c.SourceIp = $"10.0.{c.Rng.Next(256)}.{c.Rng.Next(1, 255)}";
        }
        if (c.Rng.Chance(BenignErrorRate)) c.Deny(call.ErrorCodes[c.Rng.Next(call.ErrorCodes.Length)]);
    }
}
