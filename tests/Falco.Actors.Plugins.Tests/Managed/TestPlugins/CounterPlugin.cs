using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Managed;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Tests.Managed.TestPlugins;

/// <summary>
/// A small managed source + extractor plugin for the tests: it counts from 1 to <c>count</c> (init config, or the
/// open parameters when given), one event per number, payload "&lt;prefix&gt;&lt;n&gt;" in UTF-8, timestamp 1000+n,
/// <c>batchSize</c> events per batch.
/// </summary>
public sealed class CounterPlugin : IManagedSourcePlugin, IManagedExtractorPlugin
{
    public const uint PluginId = 999;

    public const string Schema = """
        {
          "$schema": "http://json-schema.org/draft-04/schema#",
          "$ref": "#/definitions/CounterConfig",
          "definitions": {
            "CounterConfig": {
              "type": "object",
              "properties": {
                "count": { "type": "integer", "minimum": 0, "default": 10, "description": "how many events" },
                "batchSize": { "type": "integer", "minimum": 1, "maximum": 1000, "default": 4 },
                "prefix": { "type": "string", "maxLength": 8, "title": "payload prefix" }
              },
              "additionalProperties": false
            }
          }
        }
        """;

    public string Name => "counter";
    public string Version => "1.2.3";
    public string Description => "counts";
    public string Contact => "tests";
    public string? InitSchema => Schema;
    public uint Id => PluginId;
    public string EventSource => "counter";

    public IReadOnlyList<FieldInfo> Fields { get; } =
    [
        new("counter.value", FieldType.UInt64, "the number"),
        new("counter.text", FieldType.String, "the payload text"),
        new("counter.even", FieldType.Bool, "whether the number is even"),
        new("counter.digits", FieldType.String, "each digit") { IsList = true },
        new("counter.char", FieldType.String, "the character at an index") { Arg = new FieldArgSpec(true, true, false) },
    ];

    public IManagedPluginState Init(string initConfig)
    {
        using var doc = JsonDocument.Parse(initConfig);
        var root = doc.RootElement;
        return new CounterState(
            root.TryGetProperty("count", out var c) ? c.GetInt32() : 10,
            root.TryGetProperty("batchSize", out var b) ? b.GetInt32() : 4,
            root.TryGetProperty("prefix", out var p) ? p.GetString()! : "");
    }
}

/// <summary>One state of <see cref="CounterPlugin"/>; it records the last payload it extracted from.</summary>
public sealed class CounterState(int count, int batchSize, string prefix) : IManagedSourceState, IManagedExtractorState
{
    private readonly byte[] _prefix = Encoding.UTF8.GetBytes(prefix);

    public ReadOnlyMemory<byte> LastPayload { get; private set; }
    public bool Disposed { get; private set; }

    public IReadOnlyList<OpenParam> ListOpenParams() => [new("5", "five events", ""), new("100", "a hundred events", "")];

    public IManagedEventStream Open(string parameters)
    {
        if (parameters == "fail")
        {
            throw new InvalidOperationException("cannot open 'fail'");
        }
        if (parameters.StartsWith(ResumableCounterStream.Parameter, StringComparison.Ordinal))
        {
            return new ResumableCounterStream(int.Parse(parameters[ResumableCounterStream.Parameter.Length..]), batchSize, prefix);
        }
        var n = parameters.Length == 0 ? count : int.Parse(parameters);
        return new CounterStream(n, batchSize, prefix);
    }

    public string EventToString(in PluginEvent evt) => "counter #" + Encoding.UTF8.GetString(evt.Payload.Span);

    public void Extract(in PluginEvent evt, ReadOnlySpan<FieldRequest> requests, FieldValues values)
    {
        LastPayload = evt.Payload;
        var payload = evt.Payload.Span;
        if (!payload.StartsWith(_prefix))
        {
            return;
        }
        var digits = payload[_prefix.Length..];
        if (!Utf8Parser.TryParse(digits, out ulong number, out var used) || used != digits.Length)
        {
            return;
        }
        foreach (var r in requests)
        {
            switch (r.FieldId)
            {
                case 0: values.AddNumber(r.Slot, number); break;
                case 1: values.AddBytes(r.Slot, payload); break;
                case 2: values.AddBool(r.Slot, number % 2 == 0); break;
                case 3:
                    values.MarkExtracted(r.Slot);
                    for (var i = 0; i < digits.Length; i++)
                    {
                        values.AddBytes(r.Slot, digits.Slice(i, 1));
                    }
                    break;
                case 4:
                    if (r.Arg.IsIndex && r.Arg.Index < (ulong)payload.Length)
                    {
                        values.AddBytes(r.Slot, payload.Slice((int)r.Arg.Index, 1));
                    }
                    break;
            }
        }
    }

    public void Dispose() => Disposed = true;
}

public sealed class CounterStream(int count, int batchSize, string prefix) : IManagedEventStream
{
    private int _next = 1;

    public BatchStatus NextBatch(ManagedEventWriter events)
    {
        if (prefix == "boom" && _next > 1)
        {
            throw new InvalidOperationException("the counter broke");
        }
        for (var i = 0; i < batchSize && _next <= count; i++, _next++)
        {
            events.AddText(1000UL + (ulong)_next, prefix + _next);
        }
        return _next > count ? BatchStatus.Eof : BatchStatus.Success;
    }

    public PluginProgress? Progress =>
        new(count == 0 ? 100 : 100.0 * (_next - 1) / count, $"{_next - 1}/{count}");

    public void Dispose() { }
}

/// <summary>
/// The counter opened with <c>resumable:&lt;count&gt;</c>: position after event n is <c>at:&lt;value of n&gt;</c>;
/// <c>at:fail</c> cannot be resumed, <c>at:throw</c> throws.
/// </summary>
public sealed class ResumableCounterStream(int count, int batchSize, string prefix) : IManagedResumableStream
{
    public const string Parameter = "resumable:";

    // The counter value of event number n is n + _offset (a resumed stream's numbers and values may differ).
    private long _offset;
    private int _next = 1;

    public BatchStatus NextBatch(ManagedEventWriter events)
    {
        for (var i = 0; i < batchSize && _next <= count; i++, _next++)
        {
            events.AddText(1000UL + (ulong)_next, prefix + _next);
        }
        return _next > count ? BatchStatus.Eof : BatchStatus.Success;
    }

    public string? PositionAfter(ulong eventNumber) => "at:" + ((long)eventNumber + _offset);

    public bool ResumeAfter(ulong eventNumber, string position)
    {
        if (position == "at:throw")
        {
            throw new InvalidOperationException("no such place");
        }
        if (!position.StartsWith("at:", StringComparison.Ordinal) || !int.TryParse(position[3..], out var value))
        {
            return false;
        }
        _next = value + 1;
        _offset = value - (long)eventNumber;
        return true;
    }

    public void Dispose() { }
}
