using Falco.Actors.Rules.Filter.Language;

namespace Falco.Actors.Rules.Loading;

/// <summary>An exception's <c>comps</c> entry, read with the filter's operator table.</summary>
internal static class ExceptionComps
{
    /// <summary>An operator, or a string operator, blanks and a modifier (<c>startswith oneof</c>, Falco ≥ 0.44).</summary>
    public static bool IsSupported(string comp) =>
        FilterOperators.TryParse(comp, out var op, out var modifier) && (modifier == CompareModifier.None || op.TakesModifier);

    /// <summary>Its values go in a list: <c>in</c>, <c>intersects</c>, <c>pmatch</c>, or a modifier operator.</summary>
    public static bool TakesList(string comp) =>
        FilterOperators.TryParse(comp, out var op, out var modifier)
        && (modifier == CompareModifier.None ? op.TakesList : op.TakesModifier);
}
