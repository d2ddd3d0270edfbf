using Falco.Actors.Engine.Outputs;
using Falco.Actors.Rules;

namespace Falco.Actors.Engine.Tests.Outputs;

internal static class Alerts
{
    public static FormattedAlert Text(string text, Priority priority = Priority.Warning) =>
        new("Console Login Without MFA", priority, "aws_cloudtrail", ["aws"], 1_700_000_000_000_000_000, text);

    public static FormattedAlert Json(string json, Priority priority = Priority.Warning) =>
        new("Console Login Without MFA", priority, "aws_cloudtrail", ["aws"], 1_700_000_000_000_000_000, "12:00:00.000000000: Warning text", json);
}
