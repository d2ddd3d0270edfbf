using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Rules.Filter.Compilation;

/// <summary>
/// One slot of a <see cref="SlotTable"/>: a field with its argument (extracted by the field's provider), or a
/// transformer applied to another slot (computed from it, cached per event like an extracted field).
/// </summary>
public sealed record SlotInfo(int Slot, FieldRef Field, FieldArgument Argument, FieldType Type, bool IsList)
{
    /// <summary>None for an extracted field; otherwise the transformer computing this slot from <see cref="InputSlot"/>.</summary>
    public TransformerKind Transformer { get; init; }

    /// <summary>The slot a transformer reads (-1 for an extracted field).</summary>
    public int InputSlot { get; init; } = -1;

    /// <summary>The extracted field slot this slot ultimately derives from (itself for an extracted field).</summary>
    public int RootSlot { get; init; }

    /// <summary>Canonical text: <c>name</c>, <c>name[arg]</c>, <c>tolower(name[arg])</c>.</summary>
    public string Text { get; init; } = "";

    public bool IsDerived => Transformer != TransformerKind.None;
}
