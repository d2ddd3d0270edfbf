using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Falco.Actors.Plugins.CloudTrail.Config;

namespace Falco.Actors.Plugins.CloudTrail.Sources;

/// <summary>
/// Lists the log-file keys of <c>s3://bucket/prefix</c> (ListObjectsV2, paginated), expanding CloudTrail's key
/// layout <c>[prefix/]AWSLogs/[o-org/]&lt;account&gt;/CloudTrail/&lt;region&gt;/YYYY/MM/DD/&lt;file&gt;</c> like the
/// Go plugin: a prefix ending at an account gets <c>CloudTrail/</c> appended; a prefix ending at <c>AWSLogs</c>
/// (or an organisation) expands to one prefix per account of <c>s3AccountList</c>, or per account found by a
/// delimiter listing; under each <c>.../CloudTrail/</c> prefix the regions are listed and, with an
/// <c>s3Interval</c>, listing starts after the interval's first day. Listings run in parallel (at most
/// <c>s3DownloadConcurrency</c>) and are concatenated in prefix order, so the result is deterministic.
/// Differences from Go, intended: <c>AWSLogs</c> at the bucket root is recognised too (Go needs a <c>/</c> before
/// it), and the interval filter applies to every key, not only below region prefixes.
/// </summary>
public sealed partial class S3LogLister(IAmazonS3 s3, string bucket, CloudTrailConfig config, S3Interval? interval)
{
    [GeneratedRegex(@"(^|/)AWSLogs/(o-[a-z0-9]{10,32}/)?\d{12}/?$")]
    private static partial Regex AccountPrefix();

    [GeneratedRegex(@"(^|/)AWSLogs(/o-[a-z0-9]{10,32})?/?$")]
    private static partial Regex LogsPrefix();

    /// <summary>How many ListObjectsV2 pages one listing may ask for (tests lower it to exercise pagination).</summary>
    public int PageSize { get; init; } = 1000;

    public async Task<List<string>> ListAsync(string prefix, CancellationToken cancel = default)
    {
        var prefixes = await ExpandAsync(prefix, cancel).ConfigureAwait(false);
        using var gate = new SemaphoreSlim(Math.Max(1, config.S3DownloadConcurrency));
        var listings = prefixes.Select(async p =>
        {
            await gate.WaitAsync(cancel).ConfigureAwait(false);
            try
            {
                return await ListKeysAsync(p.Prefix, p.StartAfter, cancel).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        var results = await Task.WhenAll(listings).ConfigureAwait(false);
        return results.SelectMany(keys => keys)
            .Where(k => LogFileNames.IsLogFile(k) && (interval is null || interval.Contains(k)))
            .ToList();
    }

    private async Task<List<(string Prefix, string? StartAfter)>> ExpandAsync(string prefix, CancellationToken cancel)
    {
        List<string> trails;
        if (AccountPrefix().IsMatch(prefix))
        {
            trails = [WithSlash(prefix) + "CloudTrail/"];
        }
        else if (LogsPrefix().IsMatch(prefix))
        {
            var logs = WithSlash(prefix);
            var accounts = config.Accounts.Count > 0
                ? config.Accounts.Select(a => logs + a + "/").ToList()
                : (await ListCommonPrefixesAsync(logs, cancel).ConfigureAwait(false))
                    .Where(p => p.Length == logs.Length + 13).ToList();
            trails = accounts.Select(a => a + "CloudTrail/").ToList();
        }
        else
        {
            trails = [prefix];
        }
        List<(string, string?)> result = [];
        foreach (var trail in trails)
        {
            if (!trail.EndsWith("/CloudTrail/", StringComparison.Ordinal) && trail != "CloudTrail/")
            {
                result.Add((trail, null));
                continue;
            }
            foreach (var region in await ListCommonPrefixesAsync(trail, cancel).ConfigureAwait(false))
            {
                var startAfter = interval is null ? null : region + interval.Start.ToString("yyyy'/'MM'/'dd'/'",
                    System.Globalization.CultureInfo.InvariantCulture);
                result.Add((region, startAfter));
            }
        }
        return result;
    }

    private static string WithSlash(string prefix) => prefix.EndsWith('/') ? prefix : prefix + "/";

    private async Task<List<string>> ListKeysAsync(string prefix, string? startAfter, CancellationToken cancel)
    {
        List<string> keys = [];
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, MaxKeys = PageSize };
        if (startAfter is not null)
        {
            request.StartAfter = startAfter;
        }
        while (true)
        {
            var page = await List(request, cancel).ConfigureAwait(false);
            if (page.S3Objects is { } objects)
            {
                keys.AddRange(objects.Select(o => o.Key));
            }
            if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextContinuationToken))
            {
                return keys;
            }
            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    private async Task<List<string>> ListCommonPrefixesAsync(string prefix, CancellationToken cancel)
    {
        List<string> prefixes = [];
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, Delimiter = "/", MaxKeys = PageSize };
        while (true)
        {
            var page = await List(request, cancel).ConfigureAwait(false);
            if (page.CommonPrefixes is { } common)
            {
                prefixes.AddRange(common);
            }
            if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextContinuationToken))
            {
                break;
            }
            request.ContinuationToken = page.NextContinuationToken;
        }
        if (prefixes.Count > 0)
        {
            return prefixes;
        }
        // Some S3-compatible stores answer delimiter listings in a form the SDK does not read (s3rver's
        // CommonPrefixes come back null): derive the next key level from a plain listing instead.
        var keys = await ListKeysAsync(prefix, null, cancel).ConfigureAwait(false);
        return keys.Select(k => k.IndexOf('/', prefix.Length) is var slash and >= 0 ? k[..(slash + 1)] : null)
            .OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    private async Task<ListObjectsV2Response> List(ListObjectsV2Request request, CancellationToken cancel)
    {
        try
        {
            return await s3.ListObjectsV2Async(request, cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException)
        {
            throw S3Errors.Wrap(e, "failed to list objects");
        }
    }
}
