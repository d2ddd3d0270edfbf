namespace Falco.Actors.Plugins.CloudTrail.Sources;

/// <summary>Which object names are CloudTrail log files.</summary>
public static class LogFileNames
{
    /// <summary>
    /// Names ending <c>.json</c> or <c>.json.gz</c>, except digest files (<c>..._CloudTrail-Digest_...</c> under
    /// <c>CloudTrail-Digest/</c>), which hold no events: the Go plugin reads and then drops them record by record.
    /// </summary>
    public static bool IsLogFile(string name) =>
        (name.EndsWith(".json", StringComparison.Ordinal) || name.EndsWith(".json.gz", StringComparison.Ordinal))
        && !IsDigest(name);

    /// <summary>Where <paramref name="name"/> is in a listing (compared exactly), or -1.</summary>
    public static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    public static bool IsDigest(string name) =>
        name.Contains("_CloudTrail-Digest_", StringComparison.Ordinal)
        || name.Contains("/CloudTrail-Digest/", StringComparison.Ordinal)
        || name.StartsWith("CloudTrail-Digest/", StringComparison.Ordinal)
        || name.Contains(Path.DirectorySeparatorChar + "CloudTrail-Digest" + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
