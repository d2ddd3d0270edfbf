using Falco.Actors.Rules.Output;

namespace Falco.Actors.Rules.Tests.Output;

public class TimeFormatsTests
{
    // 2021-10-15T12:34:56.000000789 UTC
    private const ulong Ts = 1634301296_000000789UL;

    [Fact]
    public void Json_time_is_utc_with_nine_digits_and_z() =>
        Assert.Equal("2021-10-15T12:34:56.000000789Z", TimeFormats.JsonTime(Ts));
}
