using Amazon.Runtime;
using Amazon.S3;

namespace Falco.Actors.Plugins.CloudTrail.Sources;

/// <summary>
/// Downloads S3 objects in order with up to <c>concurrency</c> downloads in flight ahead of the reader, so the
/// reader rarely waits and memory holds at most that many files.
/// </summary>
internal sealed class S3Downloader(IAmazonS3 s3, int concurrency) : IDisposable
{
    private readonly Queue<(string Bucket, string Key)> _pending = new();
    private readonly Queue<(string Key, Task<byte[]> Download)> _inFlight = new();
    private readonly CancellationTokenSource _stop = new();

    public int Queued => _pending.Count + _inFlight.Count;

    public void Enqueue(string bucket, string key) => _pending.Enqueue((bucket, key));

    /// <summary>Forgets the next <paramref name="count"/> queued objects (not downloaded yet: nothing starts before <see cref="Next"/>).</summary>
    public void DropPending(int count)
    {
        for (var i = 0; i < count && _pending.TryDequeue(out _); i++)
        {
        }
    }

    /// <summary>The next file in order, or null when none is queued. S3 errors end the stream (as in Go).</summary>
    public LogFile? Next(CancellationToken cancel)
    {
        Fill();
        if (_inFlight.Count == 0)
        {
            return null;
        }
        var (key, download) = _inFlight.Dequeue();
        Fill();
        try
        {
            var bytes = download.WaitAsync(cancel).GetAwaiter().GetResult();
            return new LogFile(key, new MemoryStream(bytes, writable: false));
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException)
        {
            throw S3Errors.Wrap(e);
        }
    }

    private void Fill()
    {
        while (_inFlight.Count < Math.Max(1, concurrency) && _pending.TryDequeue(out var next))
        {
            _inFlight.Enqueue((next.Key, DownloadAsync(next.Bucket, next.Key, _stop.Token)));
        }
    }

    private async Task<byte[]> DownloadAsync(string bucket, string key, CancellationToken cancel)
    {
        using var response = await s3.GetObjectAsync(bucket, key, cancel).ConfigureAwait(false);
        using var buffer = new MemoryStream(response.ContentLength > 0 ? (int)Math.Min(response.ContentLength, int.MaxValue) : 0);
        await response.ResponseStream.CopyToAsync(buffer, cancel).ConfigureAwait(false);
        return buffer.ToArray();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
