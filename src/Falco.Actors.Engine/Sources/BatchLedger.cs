using Falco.Actors.Engine.Evaluation;

namespace Falco.Actors.Engine.Sources;

/// <summary>
/// A source guardian's account of its batches: those sent to the evaluators and not yet confirmed (numbered 1, 2, 3…,
/// the output order), with when each was sent, its safe-through event and the plugin's position after it; which of
/// them are due to be sent again; and the credits that go back to the session as they are confirmed, withheld while
/// the outputs are busy or, in a cluster, while the output router is behind.
/// </summary>
/// <remarks>
/// At most <see cref="SourceSettings.BatchesInFlight"/> batches are in flight (the session sends one per credit), so
/// the ledger is bounded whatever the stream's length.
/// </remarks>
internal sealed class BatchLedger(int batchesInFlight)
{
    private readonly Dictionary<long, InFlight> _inFlight = [];
    private long _lastSeq;
    private int _withheld;

    /// <summary>The number the next batch takes.</summary>
    public long NextSeq => _lastSeq + 1;

    /// <summary>Batches sent and not yet confirmed.</summary>
    public int Count => _inFlight.Count;

    /// <summary>Credits held back, to be released when neither the outputs nor the router hold them any longer.</summary>
    public int Withheld => _withheld;

    /// <summary>An output's backlog is past its high-water mark (<see cref="Outputs.OutputPressure"/>).</summary>
    public bool OutputsBusy { get; set; }

    /// <summary>In a cluster: batches whose alerts still wait for the output router (<see cref="AlertForwarder.Held"/>).</summary>
    public int AlertsHeld { get; set; }

    /// <summary>The router is behind (or moving): the guardian keeps many batches' alerts, so the session waits.</summary>
    public bool RouterBehind => AlertsHeld >= 2 * Math.Max(1, batchesInFlight);

    /// <summary>A batch is unconfirmed or its alerts still wait for the router: the source is not done.</summary>
    public bool HasOutstanding => _inFlight.Count > 0 || AlertsHeld > 0;

    /// <summary>Records <paramref name="message"/> (numbered <see cref="NextSeq"/>) as sent at <paramref name="now"/>.</summary>
    public void Add(EvaluateBatch message, ulong safeThrough, StreamPosition? at, DateTime now)
    {
        if (message.Seq != NextSeq)
        {
            throw new ArgumentException($"batch {message.Seq} is not the next one ({NextSeq})", nameof(message));
        }
        _lastSeq = message.Seq;
        _inFlight[message.Seq] = new InFlight(message, now, safeThrough, at);
    }

    /// <summary>What batch <paramref name="seq"/> covers, while it is unconfirmed.</summary>
    public bool TryGetCovered(long seq, out ulong safeThrough, out StreamPosition? at)
    {
        if (_inFlight.TryGetValue(seq, out var sent))
        {
            (safeThrough, at) = (sent.SafeThrough, sent.At);
            return true;
        }
        (safeThrough, at) = (0, null);
        return false;
    }

    /// <summary>
    /// The batches unconfirmed for at least <paramref name="age"/> (every one, for <see cref="TimeSpan.Zero"/>), in
    /// order; each counts as sent again at <paramref name="now"/>.
    /// </summary>
    public IReadOnlyList<EvaluateBatch> DueForResend(TimeSpan age, DateTime now)
    {
        List<EvaluateBatch>? due = null;
        foreach (var sent in _inFlight.Values)
        {
            if (now - sent.SentAt >= age)
            {
                sent.SentAt = now;
                sent.Resent = true;
                (due ??= []).Add(sent.Message);
            }
        }
        if (due is null)
        {
            return [];
        }
        due.Sort(static (a, b) => a.Seq.CompareTo(b.Seq));
        return due;
    }

    /// <summary>
    /// Batch <paramref name="seq"/> was evaluated. False when it was not in flight (a second confirmation of a re-sent
    /// batch). Else <paramref name="credit"/> is the credit to give the session now, or null when it is withheld.
    /// </summary>
    public bool Confirm(long seq, out Credit? credit)
    {
        credit = null;
        if (!_inFlight.Remove(seq, out var sent))
        {
            return false;
        }
        if (OutputsBusy || RouterBehind)
        {
            _withheld++;
        }
        else
        {
            // A re-sent batch may still be queued at an evaluator (in process, by reference): never refill it.
            credit = new Credit(sent.Resent ? null : sent.Message.Batch);
        }
        return true;
    }

    /// <summary>The credits a new session starts with: those neither in flight nor withheld (all withheld while the router is behind).</summary>
    public int CreditsForNewSession()
    {
        var credits = Math.Max(0, batchesInFlight - _inFlight.Count - _withheld);
        if (RouterBehind)
        {
            _withheld += credits;
            return 0;
        }
        return credits;
    }

    /// <summary>Takes the withheld credits that may go now (none while the outputs are busy or the router is behind).</summary>
    public int Release()
    {
        if (OutputsBusy || RouterBehind)
        {
            return 0;
        }
        return TakeWithheld();
    }

    /// <summary>Takes every withheld credit, busy or not: credits held back would keep a stopping session waiting forever.</summary>
    public int ReleaseForStop()
    {
        OutputsBusy = false;
        return TakeWithheld();
    }

    private int TakeWithheld()
    {
        var credits = _withheld;
        _withheld = 0;
        return credits;
    }

    /// <summary>A batch sent to the evaluators and not yet confirmed.</summary>
    private sealed class InFlight(EvaluateBatch message, DateTime sentAt, ulong safeThrough, StreamPosition? at)
    {
        public EvaluateBatch Message { get; } = message;
        public DateTime SentAt { get; set; } = sentAt;
        public ulong SafeThrough { get; } = safeThrough;
        public StreamPosition? At { get; } = at;
        public bool Resent { get; set; }
    }
}
