namespace Falco.Actors.Plugins.Native;

/// <summary>
/// Marks one call into a plugin state. Native states are not thread-safe: a second call while one is running
/// (an owner bug) is refused instead of corrupting plugin memory. Calls from different threads one after the
/// other are allowed (an actor may move between pool threads).
/// </summary>
internal ref struct StateCall
{
    private readonly StateGate _gate;

    public StateCall(StateGate gate, string where)
    {
        if (Interlocked.Exchange(ref gate.Busy, 1) != 0)
        {
            throw new InvalidOperationException(
                $"{where}: a plugin state was called from two threads at once; a state belongs to one owner, one call at a time");
        }
        _gate = gate;
    }

    public readonly void Dispose() => Volatile.Write(ref _gate.Busy, 0);
}

/// <summary>The busy flag of one plugin state.</summary>
internal sealed class StateGate
{
    public int Busy;
}
