using Falco.Actors.Rules;

namespace Falco.Actors.Engine.Outputs;

/// <summary>
/// An alert ready to be written: the text line (<c>17:01:02.123456789: Warning ...</c>) and, when
/// <c>json_output</c> is on, the JSON document. Formatting happens before the sinks; they only deliver
/// <see cref="Payload"/>.
/// </summary>
/// <param name="TimestampNs">The event time, nanoseconds since the Unix epoch.</param>
/// <param name="Text">The formatted text line, without a trailing newline.</param>
/// <param name="Json">The JSON alert (one line), or null when <c>json_output</c> is off.</param>
public sealed record FormattedAlert(
    string Rule,
    Priority Priority,
    string Source,
    IReadOnlyList<string> Tags,
    ulong TimestampNs,
    string Text,
    string? Json = null)
{
    /// <summary>What every output writes: the JSON when there is one, else the text line (as Falco does).</summary>
    public string Payload => Json ?? Text;

    public bool IsJson => Json is not null;
}
