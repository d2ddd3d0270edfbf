using System.Globalization;
using System.Text;

namespace Falco.Actors.Plugins.CloudTrail.Tests;

/// <summary>CloudTrail log files as CloudTrail writes them to S3: key layout and gzip'd <c>{"Records":[...]}</c>.</summary>
internal static class CloudTrailLogs
{
    public static string Key(string account, string region, DateTime time, string id, string prefix = "") =>
        $"{prefix}AWSLogs/{account}/CloudTrail/{region}/{time:yyyy'/'MM'/'dd}/{account}_CloudTrail_{region}_{time.ToString("yyyyMMdd'T'HHmm", CultureInfo.InvariantCulture)}Z_{id}.json.gz";

    public static string DigestKey(string account, string region, DateTime time, string prefix = "") =>
        $"{prefix}AWSLogs/{account}/CloudTrail-Digest/{region}/{time:yyyy'/'MM'/'dd}/{account}_CloudTrail-Digest_{region}_trail_{region}_{time.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}Z.json.gz";

    /// <summary>A gzip'd log whose records have the given event ids.</summary>
    public static byte[] File(DateTime time, params string[] ids) => TestSupport.Gzip(Text(time, ids));

    public static string Text(DateTime time, params string[] ids)
    {
        var records = ids.Select(id =>
            $"{{\"eventVersion\":\"1.09\",\"userIdentity\":{{\"type\":\"Root\",\"userName\":\"root\"}},\"eventTime\":\"{time:yyyy-MM-dd'T'HH:mm:ss'Z'}\"," +
            $"\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"ListBuckets\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"1.2.3.4\"," +
            $"\"eventID\":\"{id}\",\"eventType\":\"AwsApiCall\",\"readOnly\":true}}");
        return "{\"Records\":[" + string.Join(",", records) + "]}";
    }

    public static byte[] Digest() => TestSupport.Gzip(
        "{\"awsAccountId\":\"111122223333\",\"digestStartTime\":\"2024-08-02T08:00:00Z\",\"logFiles\":[{\"s3Bucket\":\"b\",\"s3Object\":\"k\",\"hashValue\":\"00\"}]}");

    public static byte[] Plain(string text) => Encoding.UTF8.GetBytes(text);
}
