namespace Falco.Actors.Rules.Fields;

/// <summary>Which argument a field takes (<c>field[arg]</c>), as a plugin's get_fields declares it.</summary>
public sealed record FieldArgSpec(bool IsRequired, bool IsIndex, bool IsKey)
{
    public static readonly FieldArgSpec None = new(false, false, false);

    /// <summary>An index or a key argument makes an argument allowed.</summary>
    public bool IsAllowed => IsIndex || IsKey;
}

/// <summary>Display properties of a field (get_fields "properties" and "addOutput").</summary>
[Flags]
public enum FieldProperties
{
    None = 0,
    /// <summary>Not shown by <c>--list</c> unless asked.</summary>
    Hidden = 1,
    Info = 2,
    Conversation = 4,
    /// <summary>Suggested for rule outputs of compatible sources.</summary>
    AddOutput = 8,
}

/// <summary>One field a provider (the generic event fields or a plugin) exports.</summary>
public sealed record FieldInfo(string Name, FieldType Type, string Description)
{
    public bool IsList { get; init; }
    public FieldArgSpec Arg { get; init; } = FieldArgSpec.None;
    public string Display { get; init; } = "";
    public FieldProperties Properties { get; init; }
}
