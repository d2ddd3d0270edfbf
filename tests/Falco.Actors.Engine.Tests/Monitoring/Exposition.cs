using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Falco.Actors.Engine.Tests.Monitoring;

/// <summary>One sample of a scrape, with its label values unescaped.</summary>
internal sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// A strict reader of the Prometheus text format 0.0.4, written from the format's description (not from our writer):
/// every line is a HELP, a TYPE or a sample; a family's HELP and TYPE come before its samples; a family's samples are
/// not interleaved with another's; label values use only the escapes \\, \" and \n. Any violation fails the test.
/// </summary>
internal sealed partial class Exposition
{
    private Exposition(IReadOnlyList<Sample> samples, IReadOnlyDictionary<string, string> types, IReadOnlyDictionary<string, string> helps)
    {
        Samples = samples;
        Types = types;
        Helps = helps;
    }

    public IReadOnlyList<Sample> Samples { get; }

    public IReadOnlyDictionary<string, string> Types { get; }

    public IReadOnlyDictionary<string, string> Helps { get; }

    public IEnumerable<Sample> Of(string name) => Samples.Where(s => s.Name == name);

    public double Value(string name, params (string Name, string Value)[] labels) =>
        Assert.Single(Of(name), s => labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).Value;

    public static Exposition Parse(string text)
    {
        Assert.EndsWith("\n", text);
        var samples = new List<Sample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var helps = new Dictionary<string, string>(StringComparer.Ordinal);
        var finished = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        var lineNumber = 0;
        foreach (var line in text[..^1].Split('\n'))
        {
            lineNumber++;
            var where = $"line {lineNumber}: '{line}'";
            Match m;
            if ((m = HelpLine().Match(line)).Success)
            {
                var name = m.Groups["name"].Value;
                Assert.False(helps.ContainsKey(name), $"second HELP, {where}");
                Assert.False(types.ContainsKey(name), $"HELP after TYPE, {where}");
                Assert.False(finished.Contains(name) || current == name, $"HELP after samples, {where}");
                helps[name] = UnescapeHelp(m.Groups["text"].Value, where);
                Switch(name);
            }
            else if ((m = TypeLine().Match(line)).Success)
            {
                var name = m.Groups["name"].Value;
                Assert.False(types.ContainsKey(name), $"second TYPE, {where}");
                Assert.False(Of(samples, name).Any(), $"TYPE after samples, {where}");
                types[name] = m.Groups["type"].Value;
                Switch(name);
            }
            else if ((m = SampleLine().Match(line)).Success)
            {
                var name = m.Groups["name"].Value;
                Assert.True(types.ContainsKey(name), $"sample before its TYPE, {where}");
                Assert.True(helps.ContainsKey(name), $"sample before its HELP, {where}");
                Assert.True(current == name, $"samples of '{name}' interleaved with another family, {where}");
                var labels = ParseLabels(m.Groups["labels"].Value, where);
                var value = ParseValue(m.Groups["value"].Value, where);
                samples.Add(new Sample(name, labels, value));
            }
            else
            {
                Assert.Fail($"not exposition syntax, {where}");
            }
        }
        return new Exposition(samples, types, helps);

        void Switch(string name)
        {
            if (current is not null && current != name)
            {
                finished.Add(current);
            }
            Assert.False(finished.Contains(name), $"family '{name}' appears twice");
            current = name;
        }
    }

    private static IEnumerable<Sample> Of(List<Sample> samples, string name) => samples.Where(s => s.Name == name);

    private static Dictionary<string, string> ParseLabels(string text, string where)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            var eq = text.IndexOf('=', i);
            Assert.True(eq > i, $"label without a name, {where}");
            var name = text[i..eq];
            Assert.Matches("^[a-zA-Z_][a-zA-Z0-9_]*$", name);
            Assert.True(eq + 1 < text.Length && text[eq + 1] == '"', $"label value not quoted, {where}");
            var value = new StringBuilder();
            var j = eq + 2;
            for (; j < text.Length && text[j] != '"'; j++)
            {
                if (text[j] == '\\')
                {
                    j++;
                    Assert.True(j < text.Length, $"escape at the end, {where}");
                    value.Append(text[j] switch
                    {
                        '\\' => '\\',
                        '"' => '"',
                        'n' => '\n',
                        _ => throw new Xunit.Sdk.XunitException($"bad escape '\\{text[j]}', {where}"),
                    });
                }
                else
                {
                    Assert.True(text[j] != '\n', $"raw line feed in a label value, {where}");
                    value.Append(text[j]);
                }
            }
            Assert.True(j < text.Length, $"label value not closed, {where}");
            Assert.True(labels.TryAdd(name, value.ToString()), $"label '{name}' twice, {where}");
            i = j + 1;
            if (i < text.Length)
            {
                Assert.True(text[i] == ',', $"labels not separated by a comma, {where}");
                i++;
            }
        }
        return labels;
    }

    private static double ParseValue(string text, string where) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new Xunit.Sdk.XunitException($"bad value '{text}', {where}"),
    };

    private static string UnescapeHelp(string text, string where)
    {
        var help = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                help.Append(text[i]);
                continue;
            }
            i++;
            Assert.True(i < text.Length && (text[i] == '\\' || text[i] == 'n'), $"bad escape in HELP, {where}");
            help.Append(text[i] == 'n' ? '\n' : '\\');
        }
        return help.ToString();
    }

    private const string Name = "[a-zA-Z_:][a-zA-Z0-9_:]*";

    [GeneratedRegex($"^# HELP (?<name>{Name}) (?<text>.*)$")]
    private static partial Regex HelpLine();

    [GeneratedRegex($"^# TYPE (?<name>{Name}) (?<type>counter|gauge|histogram|summary|untyped)$")]
    private static partial Regex TypeLine();

    // Label values: any character but an unescaped quote; escapes are checked by ParseLabels.
    [GeneratedRegex($$"""^(?<name>{{Name}})(?:\{(?<labels>(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*)\})? (?<value>\S+)(?: -?[0-9]+)?$""")]
    private static partial Regex SampleLine();
}
