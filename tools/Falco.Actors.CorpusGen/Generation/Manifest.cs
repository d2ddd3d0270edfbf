namespace Falco.Actors.CorpusGen.Generation;

using System.Globalization;
using System.Text;
using Falco.Actors.CorpusGen.Scenarios;

/// <summary>
/// MANIFEST.txt: how the corpus was made and what it holds. Lines "scenario\t&lt;trigger|near-miss&gt;\t&lt;name&gt;\t&lt;count&gt;"
/// and "rule\t&lt;rule name&gt;\t&lt;count&gt;" (records satisfying the rule's condition: the alert count with
/// rule_matching: all) are meant to be read by tests.
/// </summary>
public sealed class Manifest
{
    public const string FileName = "MANIFEST.txt";

    public Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, long> Scenarios { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, long> Rules { get; } = new(StringComparer.Ordinal);

    public static Manifest From(CorpusOptions options, IReadOnlyList<FileResult> results, int digests)
    {
        var m = new Manifest();
        long records = results.Sum(r => (long)r.File.RecordCount);
        long json = results.Sum(r => r.UncompressedBytes);
        m.Settings["generator"] = "Falco.Actors.CorpusGen";
        m.Settings["arguments"] = options.CommandLine;
        m.Settings["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture);
        m.Settings["records"] = records.ToString(CultureInfo.InvariantCulture);
        m.Settings["log_files"] = results.Count.ToString(CultureInfo.InvariantCulture);
        m.Settings["digest_files"] = digests.ToString(CultureInfo.InvariantCulture);
        m.Settings["accounts"] = string.Join(',', options.Accounts);
        m.Settings["regions"] = string.Join(',', options.Regions);
        m.Settings["first_event"] = RecordWriter.FormatTime(results.Min(r => r.Oldest));
        m.Settings["last_event"] = RecordWriter.FormatTime(results.Max(r => r.Newest));
        m.Settings["json_bytes"] = json.ToString(CultureInfo.InvariantCulture);
        m.Settings["stored_bytes"] = results.Sum(r => r.Bytes).ToString(CultureInfo.InvariantCulture);
        m.Settings["mean_record_bytes"] = (json / (double)Math.Max(1, records)).ToString("F0", CultureInfo.InvariantCulture);
        foreach (string rule in RuleNames.All) m.Rules[rule] = 0;
        for (int i = 0; i < ScenarioCatalog.All.Count; i++)
        {
            Scenario s = ScenarioCatalog.All[i];
            long n = results.Sum(r => (long)r.ScenarioCounts[i]);
            m.Scenarios[s.Name] = n;
            foreach (string rule in s.Rules) m.Rules[rule] += n;
        }
        return m;
    }

    public string Render()
    {
        var sb = new StringBuilder();
        sb.AppendLine("# CloudTrail corpus manifest (written by Falco.Actors.CorpusGen; checked by --verify).");
        foreach (var (k, v) in Settings) sb.Append(k).Append(": ").AppendLine(v);
        sb.AppendLine();
        sb.AppendLine("# Planted records: scenario<TAB>trigger|near-miss<TAB>name<TAB>count");
        foreach (Scenario s in ScenarioCatalog.All)
            sb.Append("scenario\t").Append(s.Trigger ? "trigger" : "near-miss").Append('\t').Append(s.Name).Append('\t').Append(Scenarios[s.Name]).AppendLine();
        sb.AppendLine();
        sb.AppendLine("# Records satisfying each rule's condition (alerts with rule_matching: all): rule<TAB>name<TAB>count");
        sb.AppendLine("# 'List Buckets' is disabled by default in Falco's rules; with rule_matching: first, a root login without");
        sb.AppendLine("# MFA alerts only as 'Console Login Without MFA' and a RunInstances only as 'Run Instances'.");
        foreach (string rule in RuleNames.All) sb.Append("rule\t").Append(rule).Append('\t').Append(Rules[rule]).AppendLine();
        return sb.ToString();
    }

    public static Manifest Parse(string text)
    {
        var m = new Manifest();
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') continue;
            string[] parts = line.Split('\t');
            if (parts[0] == "scenario" && parts.Length == 4) m.Scenarios[parts[2]] = long.Parse(parts[3], CultureInfo.InvariantCulture);
            else if (parts[0] == "rule" && parts.Length == 3) m.Rules[parts[1]] = long.Parse(parts[2], CultureInfo.InvariantCulture);
            else if (line.IndexOf(": ", StringComparison.Ordinal) is int colon and > 0) m.Settings[line[..colon]] = line[(colon + 2)..];
        }
        return m;
    }
}
