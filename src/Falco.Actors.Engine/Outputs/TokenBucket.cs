namespace Falco.Actors.Engine.Outputs;

/// <summary>
/// Falco's alert rate limiter (<c>outputs.rate</c>, <c>outputs.max_burst</c>): a bucket that starts full with
/// <c>max_burst</c> tokens and gains <c>rate</c> tokens per second up to <c>max_burst</c>; an alert is sent
/// only if it can take a token. A rate of 0 disables the limiter. Not thread-safe: one owner.
/// </summary>
public sealed class TokenBucket
{
    private readonly TimeProvider _time;
    private double _tokens;
    private long _lastSeen;

    public TokenBucket(double rate, double maxBurst, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBurst);
        Rate = rate;
        MaxBurst = maxBurst;
        _time = time ?? TimeProvider.System;
        _tokens = maxBurst;
        _lastSeen = _time.GetTimestamp();
    }

    public double Rate { get; }

    public double MaxBurst { get; }

    public bool IsEnabled => Rate > 0;

    /// <summary>The tokens available now.</summary>
    public double Tokens
    {
        get
        {
            Refill();
            return _tokens;
        }
    }

    /// <summary>Takes <paramref name="tokens"/> if there are that many; always true when disabled.</summary>
    public bool TryClaim(double tokens = 1)
    {
        if (!IsEnabled)
        {
            return true;
        }
        Refill();
        if (_tokens < tokens)
        {
            return false;
        }
        _tokens -= tokens;
        return true;
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var seconds = (double)(now - _lastSeen) / _time.TimestampFrequency;
        _lastSeen = now;
        _tokens = Math.Min(MaxBurst, _tokens + Rate * seconds);
    }
}
