using System.Globalization;
using System.Text;
using Falco.Actors.Rules;

namespace Falco.Actors.Engine.Pipeline;

/// <summary>The statistics in the Prometheus text exposition format, for a /metrics endpoint.</summary>
public static class MetricsText
{
    public static string Format(EngineStatisticsSnapshot s)
    {
        var text = new StringBuilder();
        Family(text, "falco_actors_events_in_total", "counter", "Events accepted from each source.", s.EventsIn, "source");
        Family(text, "falco_actors_events_evaluated_total", "counter", "Events evaluated, per source.", s.EventsEvaluated, "source");
        Header(text, "falco_actors_alerts_total", "counter", "Alerts raised, per rule and priority.");
        foreach (var (key, value) in s.Alerts.OrderBy(kv => kv.Key.Rule, StringComparer.Ordinal))
        {
            text.Append("falco_actors_alerts_total{rule=\"").Append(Escape(key.Rule)).Append("\",priority=\"")
                .Append(Escape(key.Priority.ToName())).Append("\"} ").Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        Family(text, "falco_actors_batches_in_flight", "gauge", "Batches sent and not yet evaluated, per source.", s.BatchesInFlight, "source");
        Family(text, "falco_actors_batches_in_flight_max", "gauge", "Most batches ever in flight, per source.", s.MaxBatchesInFlight, "source");
        Family(text, "falco_actors_session_restarts_total", "counter", "Source sessions re-created after a failure.", s.Restarts, "source");
        Family(text, "falco_actors_dropped_total", "counter", "Alerts dropped, per reason (outputs.rate, output:<name>).", s.Dropped, "reason");
        Family(text, "falco_actors_alerts_written_total", "counter", "Alerts delivered, per output.", s.Written, "output");
        Header(text, "falco_actors_evaluation_errors_total", "counter", "Events that could not be evaluated.");
        text.Append("falco_actors_evaluation_errors_total ").Append(s.EvaluationErrors.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return text.ToString();
    }

    private static void Family(StringBuilder text, string name, string type, string help, IReadOnlyDictionary<string, long> values, string label)
    {
        Header(text, name, type, help);
        foreach (var (key, value) in values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append('{').Append(label).Append("=\"").Append(Escape(key)).Append("\"} ")
                .Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    private static void Header(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
