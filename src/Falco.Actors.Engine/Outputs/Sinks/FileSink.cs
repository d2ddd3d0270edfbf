using System.Text;

namespace Falco.Actors.Engine.Outputs.Sinks;

/// <summary>
/// <c>file_output</c>: appends one line per alert. Without <c>keep_alive</c> the file is opened and closed for
/// every alert (so a rotated file is picked up at once, as in Falco); with it, the file stays open until
/// <see cref="ReopenAsync"/> (Falco's SIGUSR1) or dispose, and is flushed per alert unless buffered.
/// <see cref="Open"/> checks at start that the file can be opened for appending (a missing folder, no permission);
/// a device that fails or blocks at the write (<c>/dev/full</c>, a FIFO nobody reads) fails the delivery at run time.
/// </summary>
public sealed class FileSink : IAlertSink
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false);
    private readonly bool _keepAlive;
    private readonly bool _buffered;
    private FileStream? _open;
    private long _length = -1;

    public FileSink(string path, bool keepAlive, bool buffered = false)
    {
        Path = path;
        _keepAlive = keepAlive;
        _buffered = buffered;
    }

    public string Name => "file";

    /// <summary>The file output among <paramref name="sinks"/> (itself or inside its retries), or null.</summary>
    public static FileSink? Find(IEnumerable<IAlertSink> sinks) =>
        sinks.Select(sink => sink is RetryingAlertSink retrying ? retrying.Inner : sink).OfType<FileSink>().FirstOrDefault();

    /// <summary>
    /// A file output whose file was opened for appending once, now (and kept open with <paramref name="keepAlive"/>).
    /// An open still blocked after <paramref name="openTimeout"/> (a FIFO without a reader) is not an error here: the
    /// writes will time out at run time, like those of any output that blocks.
    /// </summary>
    /// <exception cref="AlertSinkException">The file cannot be opened for appending; the message names the path.</exception>
    public static FileSink Open(string path, bool keepAlive, bool buffered, TimeSpan openTimeout)
    {
        var sink = new FileSink(path, keepAlive, buffered);
        var opening = Task.Run(sink.OpenFile);
        try
        {
            if (!opening.Wait(openTimeout))
            {
                _ = opening.ContinueWith(static t => t.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);
                return sink;
            }
        }
        catch (AggregateException e) when (e.InnerException is AlertSinkException problem)
        {
            throw problem;
        }
        if (keepAlive)
        {
            sink._open = opening.Result;
        }
        else
        {
            opening.Result.Dispose();
        }
        return sink;
    }

    public string Path { get; }

    /// <summary>
    /// The file's length after the last write (what a flush hands to the system, when buffered); before any write, its
    /// length now (0 when it does not exist). Read by the sink's owner, between writes.
    /// </summary>
    public long Length => _length >= 0 ? _length : File.Exists(Path) ? new FileInfo(Path).Length : 0;

    public async ValueTask WriteAsync(FormattedAlert alert, CancellationToken cancellationToken = default)
    {
        var line = Utf8.GetBytes(alert.Payload + "\n");
        if (!_keepAlive)
        {
            await using var once = OpenFile();
            await once.WriteAsync(line, cancellationToken);
            _length = once.Position;
            return;
        }
        try
        {
            _open ??= OpenFile();
            await _open.WriteAsync(line, cancellationToken);
            if (!_buffered)
            {
                await _open.FlushAsync(cancellationToken);
            }
            _length = _open.Position;
        }
        catch
        {
            // A broken handle is dropped so that the next attempt opens the file again.
            await CloseAsync();
            throw;
        }
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_open is not null)
        {
            await _open.FlushAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Closes the kept-open file; the next alert opens it again, at its path (log rotation). Until then
    /// <see cref="Length"/> is the length of the file now at the path, not of the rotated one.
    /// </summary>
    public ValueTask ReopenAsync(CancellationToken cancellationToken = default)
    {
        _length = -1;
        return CloseAsync();
    }

    public ValueTask DisposeAsync() => CloseAsync();

    private async ValueTask CloseAsync()
    {
        var open = _open;
        _open = null;
        if (open is not null)
        {
            await open.DisposeAsync();
        }
    }

    private FileStream OpenFile()
    {
        try
        {
            return new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AlertSinkException(Name, $"cannot open '{Path}' for appending: {e.Message}", e);
        }
    }
}
