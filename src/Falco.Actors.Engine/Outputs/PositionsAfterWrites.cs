using System.Collections.Immutable;
using Falco.Actors.Engine.Cluster;

namespace Falco.Actors.Engine.Outputs;

/// <summary>
/// Holds each publication of the written positions until every output has written (or given up, counted) the alerts
/// sent to it before the publication was made, so a position that is kept or published never runs ahead of the
/// outputs: a router that dies or is killed loses no alert whose events the next run skips. The outputs answer each
/// write in order (<see cref="AlertsWritten"/>), so a publication is released once each output's written count
/// reaches what had been sent when it was made; it also carries the file output's length at that point (the state
/// folder cuts the file back there after a crash). Not thread-safe: one owner.
/// </summary>
public sealed class PositionsAfterWrites
{
    private readonly Dictionary<string, long> _written = new(StringComparer.Ordinal);
    private readonly Queue<Waiting> _waiting = new();
    private readonly string? _lengthOf;
    private long _sent;
    private long _lengthCount = -1;
    private long _length = -1;

    /// <param name="outputs">The outputs' names, one per output.</param>
    /// <param name="lengthOf">The output whose length is recorded (the file output), or null.</param>
    public PositionsAfterWrites(IReadOnlyList<string> outputs, string? lengthOf)
    {
        foreach (var output in outputs)
        {
            _written[output] = 0;
        }
        _lengthOf = lengthOf;
    }

    /// <summary><paramref name="count"/> alerts were sent to every output.</summary>
    public void Sent(int count) => _sent += count;

    /// <summary>An output answered a write; <paramref name="length"/> is its length after it, or -1.</summary>
    public void Written(string output, int count, long length)
    {
        var written = _written[output] += count;
        if (output == _lengthOf)
        {
            (_lengthCount, _length) = (written, length);
            foreach (var waiting in _waiting)
            {
                if (waiting.Mark == written)
                {
                    waiting.Length = length;
                }
            }
        }
    }

    /// <summary>The current positions, to publish once the outputs have written what was sent so far.</summary>
    public void Add(ImmutableDictionary<string, SourceWrites> writes, bool urgent) =>
        _waiting.Enqueue(new Waiting(_sent, writes, urgent) { Length = _lengthCount == _sent ? _length : -1 });

    /// <summary>The latest publication the outputs have caught up with (urgent if any released with it was), if any.</summary>
    public bool TryRelease(out PublishPositions publication)
    {
        var lowest = long.MaxValue;
        foreach (var written in _written.Values)
        {
            lowest = Math.Min(lowest, written);
        }
        Waiting? released = null;
        var urgent = false;
        while (_waiting.TryPeek(out var next) && next.Mark <= lowest)
        {
            released = _waiting.Dequeue();
            urgent |= released.Urgent;
        }
        publication = released is null ? null! : new PublishPositions(released.Writes, urgent) { FileOutputLength = released.Length };
        return released is not null;
    }

    private sealed record Waiting(long Mark, ImmutableDictionary<string, SourceWrites> Writes, bool Urgent)
    {
        public long Length { get; set; }
    }
}
