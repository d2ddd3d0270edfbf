using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Falco.Actors.Engine.Monitoring;

/// <summary>
/// Writes the Prometheus text exposition format, version 0.0.4: each family's <c># HELP</c> and <c># TYPE</c> lines,
/// then its samples (<c>name{label="value"} 42</c>), label values and help text escaped as the format requires.
/// </summary>
public sealed partial class PrometheusText
{
    /// <summary>The Content-Type of a /metrics answer in this format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();
    private readonly HashSet<string> _families = new(StringComparer.Ordinal);
    private string? _current;

    /// <summary>
    /// A name with every character Prometheus does not allow in a metric name (other than <c>[a-zA-Z0-9_:]</c>)
    /// replaced by <c>_</c>, and runs of <c>_</c> made one, as Falco's converters name metrics.
    /// </summary>
    public static string NameChars(string name) => Underscores().Replace(Invalid().Replace(name, "_"), "_");

    /// <summary>Starts a family; its samples follow. A family may be started once.</summary>
    public PrometheusText Family(string name, MetricType type, string help)
    {
        if (!_families.Add(name))
        {
            throw new InvalidOperationException($"metric family '{name}' is written twice");
        }
        _current = name;
        _text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(TypeName(type)).Append('\n');
        return this;
    }

    /// <summary>A sample of the current family, without labels.</summary>
    public PrometheusText Sample(double value) => Sample(value, []);

    /// <summary>A whole-number sample, written exactly (counts, bytes, nanosecond timestamps).</summary>
    public PrometheusText Sample(long value) => Sample(value, []);

    public PrometheusText Sample(double value, params ReadOnlySpan<(string Name, string Value)> labels) =>
        Sample(FormatValue(value), labels);

    public PrometheusText Sample(long value, params ReadOnlySpan<(string Name, string Value)> labels) =>
        Sample(value.ToString(CultureInfo.InvariantCulture), labels);

    /// <summary>A sample of the current family with its labels, in the order given.</summary>
    private PrometheusText Sample(string value, ReadOnlySpan<(string Name, string Value)> labels)
    {
        var name = _current ?? throw new InvalidOperationException("a sample needs a family first");
        _text.Append(name);
        if (labels.Length > 0)
        {
            _text.Append('{');
            for (var i = 0; i < labels.Length; i++)
            {
                if (i > 0)
                {
                    _text.Append(',');
                }
                _text.Append(labels[i].Name).Append("=\"").Append(EscapeLabelValue(labels[i].Value)).Append('"');
            }
            _text.Append('}');
        }
        _text.Append(' ').Append(value).Append('\n');
        return this;
    }

    public override string ToString() => _text.ToString();

    /// <summary>Label values escape backslash, double quote and line feed.</summary>
    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Help text escapes backslash and line feed (a double quote stays as it is).</summary>
    public static string EscapeHelp(string help) =>
        help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Go's float formatting as Prometheus reads it: <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>, else round-trip.</summary>
    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string TypeName(MetricType type) => type switch
    {
        MetricType.Counter => "counter",
        MetricType.Gauge => "gauge",
        _ => "untyped",
    };

    [GeneratedRegex("[^a-zA-Z0-9_:]")]
    private static partial Regex Invalid();

    [GeneratedRegex("_+")]
    private static partial Regex Underscores();
}

/// <summary>The metric types this engine exposes.</summary>
public enum MetricType
{
    Counter,
    Gauge,
    Untyped,
}
