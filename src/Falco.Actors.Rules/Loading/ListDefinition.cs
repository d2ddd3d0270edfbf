namespace Falco.Actors.Rules.Loading;

/// <summary>
/// A list as collected from the files. <see cref="Index"/> is its first-definition position (its place in the
/// order); <see cref="Visibility"/> the position of its last define/append (which earlier lists it can expand).
/// </summary>
public sealed record ListDefinition(string Name, IReadOnlyList<string> Items, ItemContext Context)
{
    public int Index { get; init; }
    public int Visibility { get; init; }
}
