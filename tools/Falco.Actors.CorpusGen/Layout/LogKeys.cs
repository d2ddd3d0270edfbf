namespace Falco.Actors.CorpusGen.Layout;

using System.Globalization;
using System.Text.RegularExpressions;

/// <summary>
/// CloudTrail's S3 object keys: log files under AWSLogs/&lt;account&gt;/CloudTrail/&lt;region&gt;/YYYY/MM/DD/ and
/// digests under AWSLogs/&lt;account&gt;/CloudTrail-Digest/&lt;region&gt;/YYYY/MM/DD/.
/// </summary>
public static partial class LogKeys
{
    public static string LogFile(string account, string region, DateTime delivered, string suffix, bool gzip) =>
        $"AWSLogs/{account}/CloudTrail/{region}/{delivered:yyyy'/'MM'/'dd}/{account}_CloudTrail_{region}_{delivered.ToString("yyyyMMdd'T'HHmm", CultureInfo.InvariantCulture)}Z_{suffix}.json{(gzip ? ".gz" : "")}";

    public static string DigestFile(string account, string region, string trail, DateTime end, bool gzip) =>
        $"AWSLogs/{account}/CloudTrail-Digest/{region}/{end:yyyy'/'MM'/'dd}/{account}_CloudTrail-Digest_{region}_{trail}_{region}_{end.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}Z.json{(gzip ? ".gz" : "")}";

    /// <summary>Groups: account, region, yyyy, mm, dd, account again, region again, timestamp (yyyyMMddTHHmm), suffix.</summary>
    [GeneratedRegex(@"^AWSLogs/(\d{12})/CloudTrail/([a-z]{2}(?:-[a-z]+)+-\d)/(\d{4})/(\d{2})/(\d{2})/(\d{12})_CloudTrail_([a-z0-9-]+)_(\d{8}T\d{4})Z_([A-Za-z0-9]{16})\.json(\.gz)?$")]
    public static partial Regex LogFilePattern();

    /// <summary>Groups: account, region, yyyy, mm, dd, account again, region again, trail, region again, timestamp.</summary>
    [GeneratedRegex(@"^AWSLogs/(\d{12})/CloudTrail-Digest/([a-z]{2}(?:-[a-z]+)+-\d)/(\d{4})/(\d{2})/(\d{2})/(\d{12})_CloudTrail-Digest_([a-z0-9-]+)_([A-Za-z0-9._-]+)_([a-z0-9-]+)_(\d{8}T\d{6})Z\.json(\.gz)?$")]
    public static partial Regex DigestFilePattern();
}
