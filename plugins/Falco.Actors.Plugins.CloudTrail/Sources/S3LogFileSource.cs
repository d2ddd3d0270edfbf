using Amazon.S3;

namespace Falco.Actors.Plugins.CloudTrail.Sources;

/// <summary>
/// The log files of one S3 listing, downloaded ahead with bounded concurrency; ends after the last. The downloader
/// starts nothing before the first <see cref="Next"/>, so <see cref="SkipTo"/> never fetches the objects it skips.
/// </summary>
public sealed class S3LogFileSource : ILogFileSource
{
    private readonly IAmazonS3 _s3;
    private readonly S3Downloader _downloader;
    // The listed keys, in reading order.
    private readonly IReadOnlyList<string> _keys;

    public S3LogFileSource(IAmazonS3 s3, string bucket, IReadOnlyList<string> keys, int concurrency)
    {
        _s3 = s3;
        _keys = keys;
        _downloader = new S3Downloader(s3, concurrency);
        foreach (var key in keys)
        {
            _downloader.Enqueue(bucket, key);
        }
    }

    public int TotalFiles => _keys.Count;

    public int FilesStarted { get; private set; }

    public FetchStatus Next(out LogFile? file, CancellationToken cancel = default)
    {
        file = _downloader.Next(cancel);
        if (file is null)
        {
            return FetchStatus.End;
        }
        FilesStarted++;
        return FetchStatus.File;
    }

    public bool SkipTo(string name)
    {
        if (FilesStarted != 0)
        {
            throw new InvalidOperationException("SkipTo is only possible before the first file is handed out");
        }
        var index = LogFileNames.IndexOf(_keys, name);
        if (index < 0)
        {
            return false;
        }
        _downloader.DropPending(index);
        FilesStarted = index;
        return true;
    }

    public void Dispose()
    {
        _downloader.Dispose();
        _s3.Dispose();
    }
}
