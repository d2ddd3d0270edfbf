using Falco.Actors.Json.Parsing;
using Falco.Actors.Rules.Events;

namespace Falco.Actors.Json.Extraction;

/// <summary>
/// The parsed form of the event an owner is evaluating, shared by every JSON-reading extractor of that owner (the
/// json and cloudtrail plugins), so a record is parsed at most once per event however many fields and extractors ask.
/// Keyed by event number and payload identity. An owner calls its extractors from one thread at a time; the
/// per-thread <see cref="Shared"/> cache gives extractors that were not handed a cache explicitly the same property
/// without wiring (a cache miss when an owner moves threads costs one parse, never a wrong answer).
/// </summary>
public sealed class RecordCache
{
    [ThreadStatic]
    private static RecordCache? t_shared;

    private readonly JsonTape _tape = new();
    private ReadOnlyMemory<byte> _payload;
    private ulong _num;
    private bool _filled;

    /// <summary>The cache of the calling thread.</summary>
    public static RecordCache Shared => t_shared ??= new RecordCache();

    /// <summary>How many times a payload was actually parsed (for tests and benchmarks).</summary>
    public long ParseCount { get; private set; }

    /// <summary>The parsed payload of <paramref name="evt"/>, parsing it only if it is not the cached one.</summary>
    public JsonTape Get(in PluginEvent evt)
    {
        if (!_filled || _num != evt.Num || !_payload.Equals(evt.Payload))
        {
            _tape.Parse(evt.Payload);
            _payload = evt.Payload;
            _num = evt.Num;
            _filled = true;
            ParseCount++;
        }
        return _tape;
    }

    /// <summary>Forgets the cached event (its payload memory must not be kept alive).</summary>
    public void Clear()
    {
        _filled = false;
        _payload = default;
    }
}
