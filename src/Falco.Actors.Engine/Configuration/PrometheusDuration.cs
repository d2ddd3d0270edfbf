using System.Globalization;
using System.Text.RegularExpressions;

namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// A duration as Falco reads <c>metrics.interval</c>: Prometheus' form, units in the order y w d h m s ms, each at
/// most once (<c>1h30m</c>, <c>15s</c>, <c>500ms</c>; a year is 365 days, a week 7), or bare digits meaning
/// milliseconds (Falco's deprecated form). Blanks are ignored. Anything else is zero, as in Falco.
/// </summary>
public static partial class PrometheusDuration
{
    public static TimeSpan Parse(string text)
    {
        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        if (compact.Length == 0)
        {
            return TimeSpan.Zero;
        }
        if (compact.All(char.IsAsciiDigit))
        {
            return ulong.TryParse(compact, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms <= (ulong)TimeSpan.MaxValue.TotalMilliseconds
                ? TimeSpan.FromMilliseconds(ms)
                : TimeSpan.Zero;
        }
        var match = Form().Match(compact);
        if (!match.Success)
        {
            return TimeSpan.Zero;
        }
        double total = 0;
        foreach (var (unit, ms) in Units)
        {
            if (match.Groups[unit].Success)
            {
                total += double.Parse(match.Groups[unit].Value, CultureInfo.InvariantCulture) * ms;
            }
        }
        return total <= TimeSpan.MaxValue.TotalMilliseconds ? TimeSpan.FromMilliseconds(total) : TimeSpan.Zero;
    }

    private static readonly (string Unit, double Ms)[] Units =
    [
        ("y", 365 * 86_400_000d), ("w", 7 * 86_400_000d), ("d", 86_400_000d), ("h", 3_600_000d), ("m", 60_000d), ("s", 1_000d), ("ms", 1d),
    ];

    [GeneratedRegex("^(?:(?<y>[0-9]+)y)?(?:(?<w>[0-9]+)w)?(?:(?<d>[0-9]+)d)?(?:(?<h>[0-9]+)h)?(?:(?<m>[0-9]+)m)?(?:(?<s>[0-9]+)s)?(?:(?<ms>[0-9]+)ms)?$")]
    private static partial Regex Form();
}
