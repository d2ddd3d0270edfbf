using Akka.Actor;
using Akka.Configuration;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Cluster.Serialization;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Sources;
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
        var at = new StreamPosition(21_504, "ct1:17:AWSLogs/123456789012/CloudTrail/eu-west-1/2024/01/02/x é.json.gz");
        Assert.Equal(new ResumePoint("aws_cloudtrail", epoch, 21_600, false, at), RoundTrip(new ResumePoint("aws_cloudtrail", epoch, 21_600, false, at)));
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
        var sent = new SourceAlerts("aws_cloudtrail", 638_000_000_000_000_000, 42, 40, 21_504, alerts,
            new StreamPosition(21_504, "ct1:3:samples/cloudtrail/a.json"));

        var back = RoundTrip(sent);

        Assert.Equal((sent.Source, sent.Epoch, sent.Seq, sent.LowestUnwritten, sent.SafeThrough, sent.At),
            (back.Source, back.Epoch, back.Seq, back.LowestUnwritten, back.SafeThrough, back.At));
        Assert.Equal(alerts.Length, back.Alerts.Count);
        for (var i = 0; i < alerts.Length; i++)
        {
            Assert.Equal((alerts[i].Rule, alerts[i].Priority, alerts[i].Source, alerts[i].TimestampNs, alerts[i].Text, alerts[i].Json),
                (back.Alerts[i].Rule, back.Alerts[i].Priority, back.Alerts[i].Source, back.Alerts[i].TimestampNs, back.Alerts[i].Text, back.Alerts[i].Json));
            Assert.Equal(alerts[i].Tags, back.Alerts[i].Tags);
        }
    }

    [Fact]
    public void Messages_of_a_node_without_stream_positions_are_still_read()
    {
        // What a node of the previous version writes: the same fields, without the position (manifests rp1, sa1).
        var serializer = (FailoverSerializer)_system.Serialization.FindSerializerForType(typeof(ResumePoint));
        using var point = new WireWriter(64);
        point.WriteString("counter");
        point.WriteVarInt64(7);
        point.WriteVarUInt64(300);
        point.WriteByte(0);
        Assert.Equal(new ResumePoint("counter", 7, 300, false), serializer.FromBinary(point.ToArray(), "rp1"));

        using var alerts = new WireWriter(64);
        alerts.WriteString("counter");
        alerts.WriteVarInt64(7);
        alerts.WriteVarInt64(3);
        alerts.WriteVarInt64(2);
        alerts.WriteVarUInt64(300);
        AlertFormat.Write(alerts, []);
        var back = Assert.IsType<SourceAlerts>(serializer.FromBinary(alerts.ToArray(), "sa1"));
        Assert.Equal(("counter", 7L, 3L, 2L, 300UL, (StreamPosition?)null), (back.Source, back.Epoch, back.Seq, back.LowestUnwritten, back.SafeThrough, back.At));
        Assert.Empty(back.Alerts);
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
