using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Filter.Language;

namespace Falco.Actors.Rules.Filter.Compilation;

/// <summary>
/// One slot of a <see cref="SlotTable"/>: a field with its argument (extracted by the field's provider), or a
/// transformer applied to another slot (computed from it, cached per event like an extracted field).
/// </summary>
/// <remarks>For a <c>getopt(...)[o]</c> slot, <see cref="Argument"/> holds the selected option.</remarks>
public sealed record SlotInfo(int Slot, FieldRef Field, FieldArgument Argument, FieldType Type, bool IsList)
{
    /// <summary>None for an extracted field; otherwise the transformer computing this slot from <see cref="InputSlot"/>.</summary>
    public TransformerKind Transformer { get; init; }

    /// <summary>The slot a single-input transformer reads (-1 for an extracted field or a multi-input transformer).</summary>
    public int InputSlot { get; init; } = -1;

    /// <summary>What a transformer reads: slots and constants, in argument order (join: separator then list items).</summary>
    public IReadOnlyList<SlotInput> Inputs { get; init; } = [];

    /// <summary>Canonical text: <c>name</c>, <c>name[arg]</c>, <c>tolower(name[arg])</c>.</summary>
    public string Text { get; init; } = "";

    public bool IsDerived => Transformer != TransformerKind.None;
}

/// <summary>One input of a transformer: a slot's values, or a constant (a literal argument such as a join separator).</summary>
public readonly record struct SlotInput(int Slot, byte[]? Constant)
{
    public bool IsConstant => Constant is not null;
}
