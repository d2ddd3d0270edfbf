using System.Collections.Immutable;
using Falco.Actors.Engine.Cluster;

namespace Falco.Actors.Engine.Outputs;

/// <summary>
/// Holds each publication of the written positions until every output has written (or given up, or dropped, each
/// counted) the alerts sent to it before the publication was made, so a position that is kept or published never
/// runs ahead of the outputs: a router that dies or is killed loses no alert whose events the next run skips. Alerts
/// are numbered over the run in the order they are sent (every output gets them all); each output says how far it
/// has written (<see cref="AlertsWritten"/>), and the file output its length then. A publication goes out once every
/// output has written through what had been sent when it was made and, with a file output, once the file's length at
/// exactly that point is known (the state folder cuts the file back there after a crash); one without, passed by a
/// later one, is skipped. Not thread-safe: one owner.
/// </summary>
public sealed class PositionsAfterWrites
{
    private readonly Dictionary<string, long> _through = new(StringComparer.Ordinal);
    private readonly Queue<Waiting> _waiting = new();
    private readonly Dictionary<long, long> _lengths = []; // the file output's length when it had written through n
    private readonly string? _lengthOf;
    private long _sent;

    /// <param name="outputs">The outputs' names, one per output.</param>
    /// <param name="lengthOf">The output whose length is recorded (the file output), or null.</param>
    public PositionsAfterWrites(IReadOnlyList<string> outputs, string? lengthOf)
    {
        foreach (var output in outputs)
        {
            _through[output] = 0;
        }
        _lengthOf = lengthOf;
    }

    /// <summary><paramref name="count"/> alerts were sent to every output.</summary>
    public void Sent(int count) => _sent += count;

    /// <summary>An output has written through alert <paramref name="through"/>; <paramref name="length"/> is its length then, or -1.</summary>
    public void Written(string output, long through, long length)
    {
        _through[output] = Math.Max(_through[output], through);
        if (output != _lengthOf)
        {
            return;
        }
        _lengths[through] = length;
        if (_waiting.Count == 0)
        {
            // Nothing waits for an earlier point: only the latest can still be a later publication's.
            foreach (var earlier in _lengths.Keys.Where(n => n < through).ToList())
            {
                _lengths.Remove(earlier);
            }
        }
    }

    /// <summary>The current positions, to publish once the outputs have written what was sent so far.</summary>
    public void Add(ImmutableDictionary<string, SourceWrites> writes, bool urgent) =>
        _waiting.Enqueue(new Waiting(_sent, writes, urgent));

    /// <summary>The latest publication the outputs have caught up with (urgent if any released with it was), if any.</summary>
    public bool TryRelease(out PublishPositions publication)
    {
        var lowest = long.MaxValue;
        foreach (var through in _through.Values)
        {
            lowest = Math.Min(lowest, through);
        }
        // The latest waiting publication the outputs have caught up with and whose file length is known.
        Waiting? latest = null;
        var length = -1L;
        foreach (var waiting in _waiting)
        {
            if (waiting.Mark > lowest)
            {
                break;
            }
            if (_lengthOf is null)
            {
                latest = waiting;
            }
            else if (_lengths.TryGetValue(waiting.Mark, out var at) || waiting.Mark == 0)
            {
                // Mark 0: nothing was sent yet, the file is as the run found it (-1: the keeper knows its length).
                (latest, length) = (waiting, waiting.Mark == 0 ? -1 : at);
            }
        }
        publication = null!;
        if (latest is null)
        {
            return false;
        }
        var urgent = false;
        Waiting released;
        do
        {
            released = _waiting.Dequeue();
            urgent |= released.Urgent;
        }
        while (!ReferenceEquals(released, latest));
        foreach (var passed in _lengths.Keys.Where(n => n < latest.Mark).ToList())
        {
            _lengths.Remove(passed);
        }
        publication = new PublishPositions(latest.Writes, urgent) { FileOutputLength = length };
        return true;
    }

    private sealed record Waiting(long Mark, ImmutableDictionary<string, SourceWrites> Writes, bool Urgent);
}
