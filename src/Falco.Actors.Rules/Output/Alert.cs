namespace Falco.Actors.Rules.Output;

/// <summary>
/// One alert, ready for the output sinks. <see cref="Output"/> is Falco's full text
/// (<c>&lt;time&gt;: &lt;Priority&gt; &lt;message&gt;</c>) as rendered, <see cref="Message"/> the rule output alone;
/// <see cref="Line"/> is what a text sink writes: the JSON object when JSON output is on, otherwise the text with
/// its control characters escaped.
/// </summary>
public sealed record Alert(
    string Rule,
    Priority Priority,
    string Source,
    IReadOnlyList<string> Tags,
    ulong TimestampNs,
    string Hostname,
    string Output,
    string Message,
    string Line,
    string? Json);
