using Akka.Actor;
using Akka.Configuration;
using Falco.Actors.Engine.OutputActors;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Serialization;
using Falco.Actors.Rules;

namespace Falco.Actors.Engine.Tests.Cluster;

/// <summary>
/// The messages of source fail-over and of draining the router from another node, through an ActorSystem's own
/// serialization bound as the engine binds it: our serializer is chosen and what comes back equals what went in.
/// </summary>
public sealed class FailoverSerializerTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("failover-wire-tests", ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers { {{FailoverSerializer.Name}} = "{{typeof(FailoverSerializer).AssemblyQualifiedName}}" }
          serialization-bindings { "{{typeof(IFailoverMessage).AssemblyQualifiedName}}" = {{FailoverSerializer.Name}} }
          serialization-identifiers { "{{typeof(FailoverSerializer).AssemblyQualifiedName}}" = {{FailoverSerializer.Id}} }
        }
        """));

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    private T RoundTrip<T>(T message) where T : notnull
    {
        var serializer = _system.Serialization.FindSerializerFor(message);
        Assert.IsType<FailoverSerializer>(serializer);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        return Assert.IsType<T>(_system.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest));
    }

    [Fact]
    public void Positions_and_confirmations_come_back_unchanged()
    {
        var epoch = DateTime.UtcNow.Ticks;
        Assert.Equal(new ResumeRequest("aws_cloudtrail", epoch), RoundTrip(new ResumeRequest("aws_cloudtrail", epoch)));
        Assert.Equal(new ResumePoint("k8s_audit", epoch, ulong.MaxValue - 1, true), RoundTrip(new ResumePoint("k8s_audit", epoch, ulong.MaxValue - 1, true)));
        Assert.Equal(new ResumePoint("counter", 1, 0, false), RoundTrip(new ResumePoint("counter", 1, 0, false)));
        Assert.Equal(new SourceAlertsWritten("counter", epoch, 123_456), RoundTrip(new SourceAlertsWritten("counter", epoch, 123_456)));
        Assert.Equal(new SourceCompleted("counter", epoch), RoundTrip(new SourceCompleted("counter", epoch)));
        Assert.IsType<DrainOutputs>(RoundTrip(new DrainOutputs()));
        Assert.IsType<OutputsDrained>(RoundTrip(new OutputsDrained()));
    }

    [Fact]
    public void Source_alerts_keep_their_position_and_alerts()
    {
        var alerts = new[]
        {
            new FormattedAlert("Console Login Without MFA", Priority.Critical, "aws_cloudtrail", ["aws", "mitre_initial_access"],
                1_700_000_000_123_456_789, "12:00:00.123456789: Critical login without MFA", "{\"rule\":\"Console Login Without MFA\"}"),
            new FormattedAlert("Root activity", Priority.Warning, "aws_cloudtrail", [], 1_700_000_001_000_000_000, "root did it"),
        };
        var sent = new SourceAlerts("aws_cloudtrail", 638_000_000_000_000_000, 42, 40, 21_504, alerts);

        var back = RoundTrip(sent);

        Assert.Equal((sent.Source, sent.Epoch, sent.Seq, sent.LowestUnwritten, sent.SafeThrough),
            (back.Source, back.Epoch, back.Seq, back.LowestUnwritten, back.SafeThrough));
        Assert.Equal(alerts.Length, back.Alerts.Count);
        for (var i = 0; i < alerts.Length; i++)
        {
            Assert.Equal((alerts[i].Rule, alerts[i].Priority, alerts[i].Source, alerts[i].TimestampNs, alerts[i].Text, alerts[i].Json),
                (back.Alerts[i].Rule, back.Alerts[i].Priority, back.Alerts[i].Source, back.Alerts[i].TimestampNs, back.Alerts[i].Text, back.Alerts[i].Json));
            Assert.Equal(alerts[i].Tags, back.Alerts[i].Tags);
        }
    }

    [Fact]
    public void An_unknown_manifest_is_refused_with_the_serializer_named()
    {
        var serializer = (FailoverSerializer)_system.Serialization.FindSerializerForType(typeof(ResumeRequest));
        var error = Assert.Throws<WireFormatException>(() => serializer.FromBinary([], "zz9"));
        Assert.Contains("'zz9'", error.Message);
        Assert.Contains(FailoverSerializer.Name, error.Message);
    }
}
