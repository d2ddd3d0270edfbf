using Falco.Actors.Json.Extraction;
using Falco.Actors.Json.Parsing;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Json;

/// <summary>
/// The event a <see cref="JsonExtractor"/> call is on, as the json fields read it. The payload is parsed through the
/// owner's <see cref="RecordCache"/> (shared with the cloudtrail extractor) when a field first needs it, and only
/// when it may be JSON: its first byte is <c>{</c> or <c>[</c>. One per extractor, reused from call to call.
/// </summary>
public sealed class JsonEvent
{
    private readonly RecordCache? _cache;
    private readonly JsonPointerCache _pointers = new();
    private PluginEvent _event;
    private JsonTape? _document;
    private bool _loaded;

    internal JsonEvent(RecordCache? cache) => _cache = cache;

    public ulong TimestampNs => _event.TimestampNs;

    /// <summary>The parsed payload, or null when it is not JSON.</summary>
    public JsonTape? Document
    {
        get
        {
            if (!_loaded)
            {
                _document = Load();
                _loaded = true;
            }
            return _document;
        }
    }

    /// <summary>The compiled JSON pointer of a request's argument (the whole document when it has none).</summary>
    public JsonPointer Pointer(in FieldRequest request) => _pointers.Of(request);

    internal void Begin(in PluginEvent evt)
    {
        _event = evt;
        _loaded = false;
    }

    /// <summary>Lets go of the payload, which belongs to the caller's batch.</summary>
    internal void End()
    {
        _event = default;
        _document = null;
    }

    private JsonTape? Load()
    {
        var payload = _event.Payload.Span;
        if (payload.IsEmpty || (payload[0] != '{' && payload[0] != '['))
        {
            return null;
        }
        var tape = (_cache ?? RecordCache.Shared).Get(_event);
        return tape.IsValid ? tape : null;
    }
}
