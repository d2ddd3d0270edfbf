namespace Falco.Actors.Rules;

/// <summary>Rule priority, most severe first (Falco's numbering: Emergency = 0 … Debug = 7).</summary>
public enum Priority
{
    Emergency = 0,
    Alert = 1,
    Critical = 2,
    Error = 3,
    Warning = 4,
    Notice = 5,
    Informational = 6,
    Debug = 7,
}

public static class PriorityNames
{
    /// <summary>Parses a priority case-insensitively; <c>info</c> is an alias of Informational (<c>warn</c> is not).</summary>
    public static bool TryParse(string text, out Priority priority)
    {
        foreach (var p in Enum.GetValues<Priority>())
        {
            if (string.Equals(text, p.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                priority = p;
                return true;
            }
        }
        if (string.Equals(text, "info", StringComparison.OrdinalIgnoreCase))
        {
            priority = Priority.Informational;
            return true;
        }
        priority = default;
        return false;
    }

    /// <summary>The long name used in alerts: <c>Critical</c>, <c>Informational</c>.</summary>
    public static string ToName(this Priority priority) => priority.ToString();

    /// <summary>True when <paramref name="priority"/> is at least as severe as <paramref name="minimum"/>.</summary>
    public static bool IsAtLeast(this Priority priority, Priority minimum) => priority <= minimum;
}
