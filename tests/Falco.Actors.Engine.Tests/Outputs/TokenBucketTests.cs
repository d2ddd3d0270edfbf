using Falco.Actors.Engine.Outputs;

namespace Falco.Actors.Engine.Tests.Outputs;

public sealed class TokenBucketTests
{
    [Fact]
    public void Starts_full_and_refuses_once_the_burst_is_spent()
    {
        var clock = new ManualTimeProvider();
        var bucket = new TokenBucket(rate: 1, maxBurst: 3, clock);

        Assert.True(bucket.TryClaim());
        Assert.True(bucket.TryClaim());
        Assert.True(bucket.TryClaim());
        Assert.False(bucket.TryClaim());
    }

    [Fact]
    public void Refills_at_rate_tokens_per_second()
    {
        var clock = new ManualTimeProvider();
        var bucket = new TokenBucket(rate: 2, maxBurst: 10, clock);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(bucket.TryClaim());
        }

        clock.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(bucket.TryClaim());
        clock.Advance(TimeSpan.FromMilliseconds(2));
        Assert.True(bucket.TryClaim());
        Assert.False(bucket.TryClaim());
        clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal(3.002, bucket.Tokens, precision: 9);
    }

    [Fact]
    public void Never_holds_more_than_max_burst()
    {
        var clock = new ManualTimeProvider();
        var bucket = new TokenBucket(rate: 100, maxBurst: 5, clock);

        clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(5, bucket.Tokens);
        var granted = Enumerable.Range(0, 10).Count(_ => bucket.TryClaim());
        Assert.Equal(5, granted);
    }

    [Fact]
    public void Rate_zero_disables_the_limiter()
    {
        var bucket = new TokenBucket(rate: 0, maxBurst: 0, new ManualTimeProvider());

        Assert.False(bucket.IsEnabled);
        Assert.All(Enumerable.Range(0, 1000), _ => Assert.True(bucket.TryClaim()));
    }

    [Fact]
    public void Fractional_rate_gives_one_token_after_the_right_time()
    {
        var clock = new ManualTimeProvider();
        var bucket = new TokenBucket(rate: 0.25, maxBurst: 1, clock);
        Assert.True(bucket.TryClaim());

        clock.Advance(TimeSpan.FromSeconds(3.9));
        Assert.False(bucket.TryClaim());
        clock.Advance(TimeSpan.FromSeconds(0.2));
        Assert.True(bucket.TryClaim());
    }
}
