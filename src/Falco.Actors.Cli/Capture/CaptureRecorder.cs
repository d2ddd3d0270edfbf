using Falco.Actors.Plugins.Capture;
using Falco.Actors.Plugins.Events;

namespace Falco.Actors.Cli.Capture;

/// <summary>
/// <c>-w</c>: one capture file the sessions of every source write the events they pulled into, in the order they
/// pulled them (sources run on their own threads, hence the lock). Dispose it after the run to finish the file.
/// </summary>
public sealed class CaptureRecorder(string path) : IDisposable
{
    private readonly ScapWriter _writer = ScapWriter.Create(path, new ScapWriterOptions { Gzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) });
    private readonly Lock _lock = new();

    public string Path { get; } = path;

    public long EventsWritten
    {
        get
        {
            lock (_lock)
            {
                return _writer.EventsWritten;
            }
        }
    }

    /// <summary>
    /// Writes the events of <paramref name="batch"/> from index <paramref name="from"/> on whose number is above
    /// <paramref name="after"/>; returns the number of the last event written (or <paramref name="after"/>).
    /// </summary>
    public ulong Write(EventBatch batch, int from, ulong after)
    {
        if (from >= batch.Count)
        {
            return after;
        }
        lock (_lock)
        {
            for (var i = from; i < batch.Count; i++)
            {
                var evt = batch[i];
                if (evt.Num <= after)
                {
                    continue;
                }
                _writer.Write(evt.TimestampNs, evt.PluginId, evt.Payload.Span);
                after = evt.Num;
            }
        }
        return after;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _writer.Dispose();
        }
    }
}
