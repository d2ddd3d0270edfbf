using System.Text;
using Falco.Actors.Rules;

namespace Falco.Actors.Engine.Monitoring;

/// <summary>
/// Falco's end-of-run block (its engine's print_stats): the alerts of the run, by priority (most severe first, Falco's
/// short names in capitals: <c>WARNING</c>, <c>INFO</c>) and by rule (in load order), only those above zero:
/// <code>
/// Events detected: 144
/// Rule counts by severity:
///    WARNING: 12
/// Triggered rules by rule name:
///    Console Login Without MFA: 12
/// </code>
/// "Events detected" is Falco's name for the alerts (matches), not the events read.
/// </summary>
public static class DetectionCounts
{
    /// <param name="ruleOrder">The rules in load order (rules not in it come after them, by name).</param>
    public static string Format(EngineStatisticsSnapshot stats, IEnumerable<string> ruleOrder)
    {
        var text = new StringBuilder();
        text.Append("Events detected: ").Append(stats.TotalAlerts).Append('\n');
        text.Append("Rule counts by severity:\n");
        foreach (var priority in Enum.GetValues<Priority>())
        {
            var count = stats.Alerts.Where(kv => kv.Key.Priority == priority).Sum(kv => kv.Value);
            if (count > 0)
            {
                text.Append("   ").Append(ShortName(priority)).Append(": ").Append(count).Append('\n');
            }
        }
        text.Append("Triggered rules by rule name:\n");
        var byRule = stats.Alerts.GroupBy(kv => kv.Key.Rule, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal);
        var ordered = ruleOrder.Distinct(StringComparer.Ordinal).ToList();
        foreach (var rule in ordered.Concat(byRule.Keys.Except(ordered, StringComparer.Ordinal).Order(StringComparer.Ordinal)))
        {
            if (byRule.GetValueOrDefault(rule) is var count and > 0)
            {
                text.Append("   ").Append(rule).Append(": ").Append(count).Append('\n');
            }
        }
        return text.ToString();
    }

    /// <summary>Falco's short priority name, in capitals (Informational is <c>INFO</c>).</summary>
    private static string ShortName(Priority priority) =>
        priority == Priority.Informational ? "INFO" : priority.ToString().ToUpperInvariant();
}
