namespace Falco.Actors.Engine.Tests.Outputs;

/// <summary>A clock that moves only when told (timestamps in nanoseconds).</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private long _nanoseconds;

    public override long TimestampFrequency => 1_000_000_000;

    public override long GetTimestamp() => _nanoseconds;

    public void Advance(TimeSpan by) => _nanoseconds += by.Ticks * 100;
}
