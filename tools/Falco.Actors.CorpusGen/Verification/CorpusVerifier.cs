namespace Falco.Actors.CorpusGen.Verification;

using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Falco.Actors.CorpusGen.Generation;
using Falco.Actors.CorpusGen.Layout;
using Falco.Actors.CorpusGen.Scenarios;

/// <summary>
/// Re-reads a corpus: every .json/.json.gz must sit at a CloudTrail key, parse, and (for log files) hold
/// {"Records":[...]} whose records carry eventTime (RFC 3339, non-decreasing within the file), eventType,
/// eventID, and the key's account and region; digests must have no eventTime and list log files whose SHA-256
/// matches. Totals and per-rule counts are compared with MANIFEST.txt when present.
/// </summary>
public static class CorpusVerifier
{
    public static VerifyReport Verify(string directory, int parallelism)
    {
        var report = new VerifyReport();
        if (!Directory.Exists(directory))
        {
            report.Error(directory, "no such directory");
            return report;
        }
        string root = Path.GetFullPath(directory);
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
            .Where(p => p.EndsWith(".json", StringComparison.Ordinal) || p.EndsWith(".json.gz", StringComparison.Ordinal))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0) report.Error(directory, "no .json or .json.gz files");
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, key =>
        {
            try
            {
                if (LogKeys.LogFilePattern().Match(key) is { Success: true } log) VerifyLogFile(root, key, log, report);
                else if (LogKeys.DigestFilePattern().Match(key) is { Success: true } digest) VerifyDigest(root, key, digest, report);
                else report.Error(key, "not a CloudTrail log or digest key");
            }
            catch (Exception e) when (e is JsonException or InvalidDataException or IOException)
            {
                report.Error(key, e.Message);
            }
        });
        CompareWithManifest(Path.Combine(root, Manifest.FileName), report);
        return report;
    }

    private static byte[] Read(string root, string key)
    {
        byte[] raw = File.ReadAllBytes(Path.Combine(root, key));
        if (!key.EndsWith(".gz", StringComparison.Ordinal)) return raw;
        using var gz = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
        var output = new MemoryStream(raw.Length * 8);
        gz.CopyTo(output);
        return output.ToArray();
    }

    private static void VerifyLogFile(string root, string key, Match m, VerifyReport report)
    {
        string account = m.Groups[1].Value, region = m.Groups[2].Value;
        if (m.Groups[6].Value != account) report.Error(key, $"file name account {m.Groups[6].Value} differs from folder account {account}");
        if (m.Groups[7].Value != region) report.Error(key, $"file name region {m.Groups[7].Value} differs from folder region {region}");
        DateTime stamp = DateTime.ParseExact(m.Groups[8].Value, "yyyyMMdd'T'HHmm", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        if (stamp.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture) != $"{m.Groups[3].Value}/{m.Groups[4].Value}/{m.Groups[5].Value}")
            report.Error(key, "date folder does not match the file name timestamp");

        byte[] json = Read(root, key);
        using JsonDocument doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("Records", out JsonElement records)
            || records.ValueKind != JsonValueKind.Array)
        {
            report.Error(key, "top level is not {\"Records\": [...]}");
            return;
        }
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        DateTimeOffset previous = DateTimeOffset.MinValue;
        int index = 0;
        foreach (JsonElement r in records.EnumerateArray())
        {
            string where = $"{key} record {index}";
            string? time = RuleOracle.Str(r, "eventTime");
            if (time is null || !DateTimeOffset.TryParseExact(time, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t))
                report.Error(where, $"eventTime missing or not RFC 3339: {time ?? "<none>"}");
            else
            {
                if (t < previous) report.Error(where, $"eventTime {time} is earlier than the previous record's");
                if (t.UtcDateTime > stamp.AddMinutes(1)) report.Error(where, $"eventTime {time} is after the file's delivery time");
                previous = t;
            }
            if (RuleOracle.Str(r, "eventType") is null) report.Error(where, "eventType missing");
            if (RuleOracle.Str(r, "eventID") is not { Length: 36 }) report.Error(where, "eventID missing or not a GUID");
            if (RuleOracle.Str(r, "awsRegion") != region) report.Error(where, $"awsRegion {RuleOracle.Str(r, "awsRegion")} differs from the key's {region}");
            if (RuleOracle.Str(r, "recipientAccountId") != account) report.Error(where, "recipientAccountId differs from the key's account");
            if (RuleOracle.Str(r, "eventSource") is null || RuleOracle.Str(r, "eventName") is null) report.Error(where, "eventSource or eventName missing");
            foreach (string rule in RuleOracle.Matches(r)) counts[rule] = counts.GetValueOrDefault(rule) + 1;
            index++;
        }
        if (index == 0) report.Error(key, "no records");
        foreach (var (rule, n) in counts) report.RuleCounts.AddOrUpdate(rule, n, (_, old) => old + n);
        report.AddLogFile(index, json.Length);
    }

    private static void VerifyDigest(string root, string key, Match m, VerifyReport report)
    {
        if (m.Groups[6].Value != m.Groups[1].Value || m.Groups[7].Value != m.Groups[2].Value || m.Groups[9].Value != m.Groups[2].Value)
            report.Error(key, "digest file name account/region differ from its folder");
        using JsonDocument doc = JsonDocument.Parse(Read(root, key));
        JsonElement d = doc.RootElement;
        if (d.TryGetProperty("eventTime", out _)) report.Error(key, "digest has an eventTime (it would yield an event)");
        if (RuleOracle.Str(d, "digestS3Object") != key) report.Error(key, "digestS3Object is not the digest's own key");
        if (!d.TryGetProperty("logFiles", out JsonElement logFiles) || logFiles.ValueKind != JsonValueKind.Array)
        {
            report.Error(key, "logFiles array missing");
            return;
        }
        foreach (JsonElement f in logFiles.EnumerateArray())
        {
            if (f.TryGetProperty("eventTime", out _)) report.Error(key, "a logFiles entry has an eventTime");
            string? logKey = RuleOracle.Str(f, "s3Object");
            string path = Path.Combine(root, logKey ?? "");
            if (logKey is null || !File.Exists(path))
            {
                report.Error(key, $"lists a log file that does not exist: {logKey}");
                continue;
            }
            string hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
            if (hash != RuleOracle.Str(f, "hashValue")) report.Error(key, $"hashValue of {logKey} does not match the file");
        }
        report.AddDigestFile();
    }

    private static void CompareWithManifest(string path, VerifyReport report)
    {
        if (!File.Exists(path)) return;
        Manifest manifest = Manifest.Parse(File.ReadAllText(path));
        void Same(string setting, long actual)
        {
            if (manifest.Settings.TryGetValue(setting, out string? value) && long.Parse(value, CultureInfo.InvariantCulture) != actual)
                report.Error(Manifest.FileName, $"{setting} is {value} but the files hold {actual}");
        }
        Same("records", report.Records);
        Same("log_files", report.LogFiles);
        Same("digest_files", report.DigestFiles);
        foreach (string rule in RuleNames.All)
        {
            long expected = manifest.Rules.GetValueOrDefault(rule);
            long actual = report.RuleCounts.GetValueOrDefault(rule);
            if (expected != actual) report.Error(Manifest.FileName, $"rule '{rule}': manifest says {expected} records, the files hold {actual}");
        }
    }
}
