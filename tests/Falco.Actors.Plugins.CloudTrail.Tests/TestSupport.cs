using System.IO.Compression;
using System.Text;
using Falco.Actors.Json.Extraction;
using Falco.Actors.Plugins.CloudTrail.Fields;
using Falco.Actors.Plugins.Json;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.CloudTrail.Tests;

/// <summary>Extraction through the public extractors, and test files.</summary>
internal static class TestSupport
{
    public static string DataPath(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "Data", .. parts]);

    /// <summary>A stratus detonation file wrapped as a CloudTrail log file.</summary>
    public static string StratusLog(string name) =>
        "{\"Records\": " + File.ReadAllText(DataPath("stratus", name)) + "}";

    /// <summary>The records of a stratus file as their original texts (split by the plugin's own splitter).</summary>
    public static List<string> StratusRecords(string name)
    {
        using var reader = new Reading.CloudTrailEventReader(
            new MemoryLogSource(("x.json", Encoding.UTF8.GetBytes(StratusLog(name)))), p => throw new Exception(p.ToString()));
        List<string> records = [];
        while (reader.Next(out var r) == Reading.ReadStatus.Record)
        {
            records.Add(Encoding.UTF8.GetString(r.Payload.Span));
        }
        return records;
    }

    /// <summary>Every event of a session to its end, as (number, payload text).</summary>
    public static List<(ulong Num, string Payload)> ReadAll(Abstractions.IPluginSession session)
    {
        var batch = new Events.EventBatch();
        List<(ulong, string)> events = [];
        Abstractions.BatchStatus status;
        do
        {
            batch.Clear();
            status = session.NextBatch(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                events.Add((batch[i].Num, Encoding.UTF8.GetString(batch[i].Payload.Span)));
            }
        }
        while (status != Abstractions.BatchStatus.Eof);
        return events;
    }

    public static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gz.Write(Encoding.UTF8.GetBytes(text));
        }
        return buffer.ToArray();
    }

    private static ulong s_num;

    public static PluginEvent Event(string json, ulong ts = 1) =>
        new(Interlocked.Increment(ref s_num), ts, 2, Encoding.UTF8.GetBytes(json));

    /// <summary>The values of one cloudtrail field (strings as text, numbers as decimal), empty when missing.</summary>
    public static List<string> Ct(string field, string json, ulong? index = null) =>
        Extract(new CloudTrailExtractor(new RecordCache()), CloudTrailFields.All, field, Event(json), Arg(index));

    public static string? Ct1(string field, string json) => Ct(field, json) is [var v] ? v : Ct(field, json) switch
    {
        [] => null,
        var many => throw new Exception($"{field} has {many.Count} values"),
    };

    public static List<string> JsonField(string field, string json, string? arg = null, ulong ts = 1) =>
        Extract(new JsonExtractor(new RecordCache()), JsonPluginFields.All, field, Event(json, ts),
            arg is null ? FieldArgument.Absent : FieldArgument.OfKey(arg));

    private static FieldArgument Arg(ulong? index) =>
        index is { } i ? FieldArgument.OfIndex(i, i.ToString()) : FieldArgument.Absent;

    public static List<string> Extract(IFieldExtractor extractor, IReadOnlyList<FieldInfo> fields, string field,
        PluginEvent evt, FieldArgument arg)
    {
        var id = fields.Select((f, i) => (f, i)).Single(x => x.f.Name == field).i;
        var info = fields[id];
        var values = new FieldValues();
        extractor.Extract(evt, [new FieldRequest(0, id, info.Type, info.IsList, arg)], values);
        Assert.True(values.IsExtracted(0));
        return Enumerable.Range(0, values.Count(0))
            .Select(i => info.Type == FieldType.UInt64 ? values.GetNumber(0, i).ToString() : values.GetString(0, i))
            .ToList();
    }
}

/// <summary>Log files held in memory, for reader tests that are not about where files come from.</summary>
internal sealed class MemoryLogSource(params (string Name, byte[] Content)[] files) : Sources.ILogFileSource
{
    private int _next;

    public int TotalFiles => files.Length;

    public int FilesStarted => _next;

    public Sources.FetchStatus Next(out Sources.LogFile? file, CancellationToken cancel = default)
    {
        if (_next == files.Length)
        {
            file = null;
            return Sources.FetchStatus.End;
        }
        var (name, content) = files[_next++];
        file = new Sources.LogFile(name, new MemoryStream(content));
        return Sources.FetchStatus.File;
    }

    public void Dispose()
    {
    }
}
