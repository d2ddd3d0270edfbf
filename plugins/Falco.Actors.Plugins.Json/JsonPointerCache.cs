using Falco.Actors.Json.Parsing;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Json;

/// <summary>
/// The compiled pointers of an extractor's <c>json.value</c> requests. A slot always carries the same argument text
/// for its owner (the same string, in whichever plan asks for it), so each slot remembers its pointer, checked by
/// reference: no argument text is hashed per event.
/// </summary>
internal sealed class JsonPointerCache
{
    private const int MaxSlots = 1024;
    private static readonly JsonPointer WholeDocument = JsonPointer.Compile("");

    private readonly Dictionary<string, JsonPointer> _byText = new(StringComparer.Ordinal);
    private string?[] _keyAt = new string?[16];
    private JsonPointer[] _pointerAt = new JsonPointer[16];

    public JsonPointer Of(in FieldRequest request)
    {
        var text = request.Arg.Key;
        if (string.IsNullOrEmpty(text))
        {
            return WholeDocument;
        }
        var slot = request.Slot;
        if (slot < _keyAt.Length && ReferenceEquals(_keyAt[slot], text))
        {
            return _pointerAt[slot];
        }
        if (!_byText.TryGetValue(text, out var pointer))
        {
            pointer = JsonPointer.Compile(text);
            _byText[text] = pointer;
        }
        if (slot >= _keyAt.Length && slot < MaxSlots)
        {
            var size = Math.Min(MaxSlots, Math.Max(slot + 1, _keyAt.Length * 2));
            Array.Resize(ref _keyAt, size);
            Array.Resize(ref _pointerAt, size);
        }
        if (slot < _keyAt.Length)
        {
            _keyAt[slot] = text;
            _pointerAt[slot] = pointer;
        }
        return pointer;
    }
}
