namespace Falco.Actors.Json.Parsing;

/// <summary>The kind of one node of a <see cref="JsonTape"/>.</summary>
public enum JsonKind : byte
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
    /// <summary>An object member's name; the member's value is the next node.</summary>
    PropertyName,
}
