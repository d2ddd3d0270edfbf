using Amazon.S3;

namespace Falco.Actors.Plugins.CloudTrail.Sources;

/// <summary>
/// The log files of one S3 listing, downloaded ahead with bounded concurrency; ends after the last. Nothing is
/// downloaded before the first <see cref="Next"/>, so that <see cref="SkipTo"/> never fetches the objects it skips.
/// </summary>
public sealed class S3LogFileSource : ILogFileSource
{
    private readonly IAmazonS3 _s3;
    private readonly string _bucket;
    private readonly S3Downloader _downloader;
    // The listed keys, in reading order.
    private readonly IReadOnlyList<string> _keys;
    // The first key to download (after SkipTo); -1 once the keys are queued.
    private int _first;

    public S3LogFileSource(IAmazonS3 s3, string bucket, IReadOnlyList<string> keys, int concurrency)
    {
        _s3 = s3;
        _bucket = bucket;
        _keys = keys;
        _downloader = new S3Downloader(s3, concurrency);
    }

    public int TotalFiles => _keys.Count;

    public int FilesStarted { get; private set; }

    public FetchStatus Next(out LogFile? file, CancellationToken cancel = default)
    {
        if (_first >= 0)
        {
            for (var i = _first; i < _keys.Count; i++)
            {
                _downloader.Enqueue(_bucket, _keys[i]);
            }
            _first = -1;
        }
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
        if (_first != 0 || FilesStarted != 0)
        {
            throw new InvalidOperationException("SkipTo is only possible before the first file is handed out");
        }
        for (var i = 0; i < _keys.Count; i++)
        {
            if (string.Equals(_keys[i], name, StringComparison.Ordinal))
            {
                _first = i;
                FilesStarted = i;
                return true;
            }
        }
        return false;
    }

    public void Dispose()
    {
        _downloader.Dispose();
        _s3.Dispose();
    }
}
