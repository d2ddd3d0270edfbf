namespace Falco.Actors.Rules.Fields;

/// <summary>
/// A field's argument after validation against its <see cref="FieldArgSpec"/>: absent, a numeric index, or a key.
/// An argument that is a valid index of a field that accepts indexes is an index; otherwise it is a key.
/// </summary>
public readonly record struct FieldArgument(bool IsPresent, string? Key, ulong Index, bool IsIndex)
{
    public static readonly FieldArgument Absent = default;

    public static FieldArgument OfKey(string key) => new(true, key, 0, false);

    public static FieldArgument OfIndex(ulong index, string text) => new(true, text, index, true);

    /// <summary>The argument as written between the brackets (the key, or the index digits).</summary>
    public string? Text => Key;
}
