namespace Falco.Actors.Rules.Loading;

/// <summary>The comparison operators a rules file may name in exception <c>comps</c> (libs' supported_operators).</summary>
internal static class FilterOperators
{
    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "=", "==", "!=", "<=", ">=", "<", ">", "exists", "contains", "icontains", "bcontains", "glob", "iglob",
        "bstartswith", "startswith", "endswith", "in", "intersects", "pmatch", "regex",
    };

    private static readonly HashSet<string> ListOperators = new(StringComparer.Ordinal) { "in", "intersects", "pmatch" };

    // String operators that take a oneof/anyof/allof modifier (Falco >= 0.44).
    private static readonly HashSet<string> ModifiableOperators = new(StringComparer.Ordinal)
    {
        "=", "==", "!=", "contains", "icontains", "bcontains", "startswith", "bstartswith", "endswith", "glob", "iglob", "regex",
    };

    private static readonly HashSet<string> Modifiers = new(StringComparer.Ordinal) { "oneof", "anyof", "allof" };

    public static bool IsSupported(string op) => Supported.Contains(op) || IsModifierOperator(op);

    /// <summary>Operators whose right-hand side is a list: <c>in</c>, <c>intersects</c>, <c>pmatch</c> and modifier operators.</summary>
    public static bool TakesList(string op) => ListOperators.Contains(op) || IsModifierOperator(op);

    /// <summary><c>startswith oneof</c> and the like: a string operator, blanks, a modifier.</summary>
    public static bool IsModifierOperator(string op)
    {
        var parts = op.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && ModifiableOperators.Contains(parts[0]) && Modifiers.Contains(parts[1]);
    }
}
