using Akka.Actor;
using Akka.Configuration;

namespace Falco.Actors.Engine.Hosting;

/// <summary>
/// <c>falco.delivery</c> (<c>hocon/akka.conf</c>): how batches reach the evaluators and how the cluster's output
/// router publishes what it wrote. Read once per actor system, as Akka's own <c>*Settings.Create(system)</c>; a
/// missing or malformed key is an error naming it, never a silent default.
/// </summary>
public sealed record DeliverySettings(TimeSpan ResendAfter, TimeSpan PublishInterval)
{
    public const string Path = "falco.delivery";

    public static DeliverySettings Create(ActorSystem system) => Create(system.Settings.Config);

    public static DeliverySettings Create(Config config) =>
        new(Duration(config, "resend-after"), Duration(config, "publish-interval"));

    private static TimeSpan Duration(Config config, string key)
    {
        var path = $"{Path}.{key}";
        if (!config.HasPath(path))
        {
            throw new ConfigurationException($"{path} is missing from the actor system's configuration (hocon/akka.conf sets it)");
        }
        try
        {
            // Akka refuses a negative duration and, with allowInfinite off, "infinite".
            return config.GetTimeSpan(path, null, allowInfinite: false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ConfigurationException($"{path}: expected a duration of 0 or more (e.g. 10s, 250ms): {e.Message}", e);
        }
    }
}
