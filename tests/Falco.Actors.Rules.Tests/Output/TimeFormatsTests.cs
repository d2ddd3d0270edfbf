using Falco.Actors.Rules.Output;

namespace Falco.Actors.Rules.Tests.Output;

public class TimeFormatsTests
{
    // 2021-10-15T12:34:56.000000789 UTC
    private const ulong Ts = 1634301296_000000789UL;

    [Fact]
    public void Json_time_is_utc_with_nine_digits_and_z() =>
        Assert.Equal("2021-10-15T12:34:56.000000789Z", TimeFormats.JsonTime(Ts));

    [Fact]
    public void Iso8601_is_utc_with_plus_zero() =>
        Assert.Equal("2021-10-15T12:34:56.000000789+0000", TimeFormats.Iso8601(Ts));

    [Fact]
    public void Local_time_of_day_uses_the_given_zone()
    {
        var plusTwo = TimeZoneInfo.CreateCustomTimeZone("plus2", TimeSpan.FromHours(2), "plus2", "plus2");
        Assert.Equal("14:34:56.000000789", TimeFormats.LocalTimeOfDay(Ts, plusTwo));
    }
}
