using System.Globalization;
using System.Text;
using Falco.Actors.Engine.Monitoring;

namespace Falco.Actors.Engine.Monitoring;

/// <summary>
/// The one line of periodic statistics: events in (total and per source), the event rate since the previous line,
/// alerts by priority, batches in flight, restarts and drops. Every figure is labelled, so it reads and greps well.
/// </summary>
public static class StatisticsLine
{
    /// <param name="previous">The snapshot of the previous line (null for the first: the rate is then over <paramref name="elapsed"/> since the start).</param>
    /// <param name="current">The snapshot now.</param>
    /// <param name="elapsed">Time between the two snapshots.</param>
    public static string Format(EngineStatisticsSnapshot? previous, EngineStatisticsSnapshot current, TimeSpan elapsed)
    {
        var line = new StringBuilder("Statistics: events in ");
        line.Append(current.TotalEventsIn.ToString(CultureInfo.InvariantCulture));
        AppendPerKey(line, current.EventsIn);

        var delta = current.TotalEventsIn - (previous?.TotalEventsIn ?? 0);
        var rate = elapsed > TimeSpan.Zero ? delta / elapsed.TotalSeconds : 0;
        line.Append(", rate ").Append(rate.ToString("0.0", CultureInfo.InvariantCulture)).Append(" evt/s");

        line.Append(", alerts ").Append(current.TotalAlerts.ToString(CultureInfo.InvariantCulture));
        var byPriority = current.Alerts
            .GroupBy(a => a.Key.Priority)
            .OrderBy(g => g.Key)
            .ToDictionary(g => g.Key.ToString(), g => g.Sum(a => a.Value), StringComparer.Ordinal);
        AppendPerKey(line, byPriority, sort: false);

        line.Append(", batches in flight ").Append(current.BatchesInFlight.Values.Sum().ToString(CultureInfo.InvariantCulture));
        line.Append(", restarts ").Append(current.Restarts.Values.Sum().ToString(CultureInfo.InvariantCulture));
        AppendPerKey(line, current.Restarts.Where(r => r.Value > 0).ToDictionary(StringComparer.Ordinal));
        line.Append(", dropped ").Append(current.TotalDropped.ToString(CultureInfo.InvariantCulture));
        AppendPerKey(line, current.Dropped);
        return line.ToString();
    }

    /// <summary><c> (a=1 b=2)</c>, or nothing when there is no key.</summary>
    private static void AppendPerKey(StringBuilder line, IReadOnlyDictionary<string, long> values, bool sort = true)
    {
        if (values.Count == 0)
        {
            return;
        }
        var items = sort ? values.OrderBy(v => v.Key, StringComparer.Ordinal) : values.AsEnumerable();
        line.Append(" (");
        line.AppendJoin(' ', items.Select(v => $"{v.Key}={v.Value.ToString(CultureInfo.InvariantCulture)}"));
        line.Append(')');
    }
}
