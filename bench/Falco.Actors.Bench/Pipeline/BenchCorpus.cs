using System.Diagnostics;
using System.Globalization;

namespace Falco.Actors.Bench.Pipeline;

/// <summary>
/// A CloudTrail corpus in the S3 key layout (<c>AWSLogs/&lt;account&gt;/CloudTrail/&lt;region&gt;/...</c>), written by
/// tools/Falco.Actors.CorpusGen. A folder whose MANIFEST.txt already says the wanted record count and compression
/// is reused; otherwise the generator writes it there.
/// </summary>
internal static class BenchCorpus
{
    /// <summary>The default folder of a corpus: under the system temp folder, never in the repository.</summary>
    public static string DefaultFolder(long records, bool gzip) =>
        Path.Combine(Path.GetTempPath(), "falco-actors-bench", $"cloudtrail-{records}-{(gzip ? "gz" : "json")}");

    /// <summary>Records of an existing corpus (its manifest), or null when the folder holds none.</summary>
    public static long? RecordsIn(string folder) =>
        Manifest(folder).TryGetValue("records", out var records) ? long.Parse(records, CultureInfo.InvariantCulture) : null;

    public static Dictionary<string, string> Manifest(string folder)
    {
        var path = Path.Combine(folder, "MANIFEST.txt");
        var settings = new Dictionary<string, string>();
        if (!File.Exists(path))
        {
            return settings;
        }
        foreach (var line in File.ReadLines(path))
        {
            var colon = line.IndexOf(':');
            if (line.Length > 0 && line[0] != '#' && colon > 0 && !line.Contains('\t'))
            {
                settings[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }
        return settings;
    }

    /// <summary>Makes sure <paramref name="folder"/> holds a corpus of <paramref name="records"/> records; returns it.</summary>
    public static string Ensure(string folder, long records, bool gzip, string repositoryRoot)
    {
        var manifest = Manifest(folder);
        if (manifest.TryGetValue("records", out var have) && have == records.ToString(CultureInfo.InvariantCulture)
            && manifest.TryGetValue("stored_bytes", out var stored) && manifest.TryGetValue("json_bytes", out var json)
            && (stored != json) == gzip)
        {
            Console.WriteLine($"corpus: reusing {folder} ({records:N0} records, {(gzip ? ".json.gz" : ".json")})");
            return folder;
        }
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new InvalidOperationException($"{folder} exists and is not a corpus of {records:N0} {(gzip ? "gzip" : "plain json")} records (see its MANIFEST.txt): give another --corpus folder");
        }
        Console.WriteLine($"corpus: generating {records:N0} records into {folder} ...");
        var project = Path.Combine(repositoryRoot, "tools", "Falco.Actors.CorpusGen");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "run", "-c", "Release", "--project", project, "--", "--out", folder, "--records", records.ToString(CultureInfo.InvariantCulture), "--gzip", gzip ? "true" : "false" },
            UseShellExecute = false,
        };
        using var generator = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        generator.WaitForExit();
        if (generator.ExitCode != 0)
        {
            throw new InvalidOperationException($"the corpus generator failed (exit code {generator.ExitCode})");
        }
        return folder;
    }
}
