using Falco.Actors.Json.Extraction;
using Falco.Actors.Json.Parsing;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Json;

/// <summary>
/// The json plugin's extraction: <c>json.value[ptr]</c>, <c>json.obj</c>, <c>json.rawtime</c> and their
/// <c>jevt.*</c> aliases. The payload is parsed at most once per event through the owner's <see cref="RecordCache"/>
/// (shared with the cloudtrail extractor), and only when a field needs it. A payload that is not JSON — its first
/// byte is not <c>{</c> or <c>[</c>, or it does not parse — gives no values (Falco's "no value" for a failed
/// extraction).
/// </summary>
public sealed class JsonExtractor : IFieldExtractor
{
    private readonly RecordCache? _cache;
    private readonly Dictionary<string, JsonPointer> _pointers = new(StringComparer.Ordinal);
    // The engine passes the same request list (the same argument strings) for every event: remember the pointer of
    // each position in the list, checked by reference, so that no argument text is hashed per event.
    private string?[] _keysAt = new string?[16];
    private JsonPointer[] _pointersAt = new JsonPointer[16];
    private const int MaxPositions = 1024;
    private static readonly JsonPointer WholeDocument = JsonPointer.Compile("");

    /// <param name="cache">The owner's record cache; null = the calling thread's <see cref="RecordCache.Shared"/>.</param>
    public JsonExtractor(RecordCache? cache = null) => _cache = cache;

    public void Extract(in PluginEvent evt, ReadOnlySpan<FieldRequest> requests, FieldValues values)
    {
        // The document is looked up once per call (and parsed at most once per event), when a field first needs it.
        JsonTape? document = null;
        var loaded = false;
        for (var position = 0; position < requests.Length; position++)
        {
            ref readonly var request = ref requests[position];
            values.MarkExtracted(request.Slot);
            switch (request.FieldId)
            {
                case JsonPluginFields.RawTime:
                case JsonPluginFields.JevtRawTime:
                    JsonFieldWriter.AddDecimal(values, request.Slot, evt.TimestampNs);
                    break;
                case JsonPluginFields.Value:
                case JsonPluginFields.JevtValue:
                    if (Loaded(evt, ref document, ref loaded) is { } tape)
                    {
                        AddValue(values, request.Slot, tape, Pointer(request.Arg, position).Resolve(tape));
                    }
                    break;
                case JsonPluginFields.Obj:
                case JsonPluginFields.JevtObj:
                    if (Loaded(evt, ref document, ref loaded) is { } doc)
                    {
                        AddIndented(values, request.Slot, doc.Source.Span);
                    }
                    break;
            }
        }
    }

    private JsonTape? Loaded(in PluginEvent evt, ref JsonTape? document, ref bool loaded)
    {
        if (!loaded)
        {
            document = Document(evt);
            loaded = true;
        }
        return document;
    }

    private JsonTape? Document(in PluginEvent evt)
    {
        var payload = evt.Payload.Span;
        if (payload.IsEmpty || (payload[0] != '{' && payload[0] != '['))
        {
            return null;
        }
        var tape = (_cache ?? RecordCache.Shared).Get(evt);
        return tape.IsValid ? tape : null;
    }

    /// <summary>Strings unquoted (escapes decoded); every other node as its compact JSON text.</summary>
    private static void AddValue(FieldValues values, int slot, JsonTape tape, int node)
    {
        if (node < 0)
        {
            return;
        }
        if (!JsonFieldWriter.AddString(values, slot, tape, node))
        {
            JsonFieldWriter.AddCompact(values, slot, tape, node);
        }
    }

    private static void AddIndented(FieldValues values, int slot, ReadOnlySpan<byte> json)
    {
        var span = values.AddBytes(slot, JsonText.IndentedLength(json));
        JsonText.WriteIndented(json, span);
    }

    private JsonPointer Pointer(FieldArgument arg, int position)
    {
        var text = arg.Key;
        if (string.IsNullOrEmpty(text))
        {
            return WholeDocument;
        }
        if (position < _keysAt.Length && ReferenceEquals(_keysAt[position], text))
        {
            return _pointersAt[position];
        }
        if (!_pointers.TryGetValue(text, out var pointer))
        {
            pointer = JsonPointer.Compile(text);
            _pointers[text] = pointer;
        }
        if (position >= _keysAt.Length && position < MaxPositions)
        {
            var size = Math.Min(MaxPositions, Math.Max(position + 1, _keysAt.Length * 2));
            Array.Resize(ref _keysAt, size);
            Array.Resize(ref _pointersAt, size);
        }
        if (position < _keysAt.Length)
        {
            _keysAt[position] = text;
            _pointersAt[position] = pointer;
        }
        return pointer;
    }
}
