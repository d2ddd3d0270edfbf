namespace Falco.Actors.Rules.Loading;

/// <summary>
/// What a message is about: the item (<c>rule 'Create AWS user'</c>, <c>list 'approved_regions'</c>, or empty for
/// the file itself) and where the offending node starts.
/// </summary>
public sealed record ItemContext(string Item, FileLocation Location)
{
    public static ItemContext File(string file) => new("", FileLocation.WholeFile(file));

    /// <summary>The same item, pointing at another node (a key's value, a sequence element).</summary>
    public ItemContext At(FileLocation location) => this with { Location = location };

    public static string Describe(string kind, string name) => name.Length == 0 ? kind : $"{kind} '{name}'";
}
