using Akka.Configuration;
using Falco.Actors.Engine.Hosting;

namespace Falco.Actors.Engine.Tests.Hosting;

/// <summary><c>falco.delivery</c> read from HOCON: the engine's defaults, overrides, and an error naming a missing or bad key.</summary>
public sealed class DeliverySettingsTests
{
    private static DeliverySettings Read(string hocon) =>
        DeliverySettings.Create(ConfigurationFactory.ParseString(hocon).WithFallback(EngineHocon.Config));

    [Fact]
    public void The_engine_hocon_sets_both_keys()
    {
        Assert.Equal(new DeliverySettings(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(250)), DeliverySettings.Create(EngineHocon.Config));
    }

    [Fact]
    public void A_key_set_over_the_engine_hocon_wins_and_zero_turns_it_off()
    {
        Assert.Equal(new DeliverySettings(TimeSpan.FromSeconds(2), TimeSpan.Zero),
            Read("falco.delivery { resend-after = 2s, publish-interval = 0s }"));
    }

    [Fact]
    public void A_missing_key_is_an_error_naming_it()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            DeliverySettings.Create(ConfigurationFactory.ParseString("falco.delivery.resend-after = 10s")));

        Assert.Contains("falco.delivery.publish-interval is missing", error.Message);
    }

    [Theory]
    [InlineData("resend-after", "ten seconds")]
    [InlineData("resend-after", "-1s")]
    [InlineData("publish-interval", "infinite")]
    public void A_malformed_duration_is_an_error_naming_the_key(string key, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read($"falco.delivery.{key} = {value}"));

        Assert.StartsWith($"falco.delivery.{key}: expected a duration of 0 or more", error.Message);
    }
}
