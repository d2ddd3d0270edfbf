using System.Text;
using Falco.Actors.Plugins.Events;

namespace Falco.Actors.Plugins.Managed;

/// <summary>
/// Where a managed stream appends the events of one next_batch call. The host gives every event its number and the
/// plugin's id; a payload is copied once, straight into the batch buffer. One writer per session, reused for every
/// call, so appending allocates nothing once the batch has grown.
/// </summary>
public sealed class ManagedEventWriter
{
    /// <summary>A timestamp asking the host to stamp the event with the current time (as in the C ABI).</summary>
    public const ulong Now = ulong.MaxValue;

    private readonly uint _pluginId;
    private EventBatch? _batch;
    private ulong _nextNum = 1;

    internal ManagedEventWriter(uint pluginId) => _pluginId = pluginId;

    /// <summary>Events appended by the current call.</summary>
    public int Count { get; private set; }

    /// <summary>Appends one event whose payload is <paramref name="payload"/> (copied).</summary>
    public void Add(ulong timestampNs, ReadOnlySpan<byte> payload) =>
        payload.CopyTo(Add(timestampNs, payload.Length));

    /// <summary>Appends one event of <paramref name="length"/> payload bytes and returns the span to fill in place.</summary>
    public Span<byte> Add(ulong timestampNs, int length)
    {
        var batch = _batch ?? throw new InvalidOperationException("events can only be added during NextBatch");
        if (timestampNs == Now)
        {
            timestampNs = NowNs();
        }
        Count++;
        return batch.Add(_nextNum++, timestampNs, _pluginId, length);
    }

    /// <summary>Appends one event whose payload is <paramref name="text"/> encoded as UTF-8 (no terminating NUL).</summary>
    public void AddText(ulong timestampNs, ReadOnlySpan<char> text)
    {
        var span = Add(timestampNs, Encoding.UTF8.GetByteCount(text));
        Encoding.UTF8.GetBytes(text, span);
    }

    internal void Begin(EventBatch batch)
    {
        _batch = batch;
        Count = 0;
    }

    internal void End() => _batch = null;

    /// <summary>After a resume: the next event is numbered <paramref name="eventNumber"/> + 1.</summary>
    internal void ContinueAfter(ulong eventNumber) => _nextNum = eventNumber + 1;

    private static ulong NowNs() => (ulong)(DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100UL;
}
