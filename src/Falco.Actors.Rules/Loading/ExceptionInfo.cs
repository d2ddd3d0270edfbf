namespace Falco.Actors.Rules.Loading;

/// <summary>
/// A scalar-or-sequence value of an exception (<c>fields</c>, <c>comps</c>, one of <c>values</c>, or an element of
/// a values tuple): either <see cref="Item"/> or, when <see cref="IsList"/>, <see cref="Items"/>.
/// </summary>
public sealed record ExceptionEntry(bool IsList, string Item, IReadOnlyList<ExceptionEntry> Items)
{
    public static ExceptionEntry Scalar(string item) => new(false, item, []);

    public static ExceptionEntry List(IReadOnlyList<ExceptionEntry> items) => new(true, "", items);
}

/// <summary>One entry of a rule's <c>exceptions</c>. <see cref="Fields"/>/<see cref="Comps"/> are null when absent.</summary>
public sealed record ExceptionInfo(string Name, ExceptionEntry? Fields, ExceptionEntry? Comps, IReadOnlyList<ExceptionEntry> Values, ItemContext Context);
