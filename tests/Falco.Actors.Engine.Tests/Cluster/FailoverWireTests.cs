using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Cluster.Serialization;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Sources;
using Falco.Actors.Engine.Tests.Cluster.Serialization;
using Falco.Actors.Rules;

namespace Falco.Actors.Engine.Tests.Cluster;

/// <summary>
/// The messages of source fail-over and of draining the router from another node, through an ActorSystem's own
/// serialization bound as the engine binds it: the wire serializer is chosen and what comes back equals what went in,
/// and what a node of the previous version wrote is still read.
/// </summary>
public sealed class FailoverWireTests : IDisposable
{
    private readonly WireSystem _wire = new("failover-wire-tests");

    public void Dispose() => _wire.Dispose();

    [Fact]
    public void Positions_and_confirmations_come_back_unchanged()
    {
        var epoch = DateTime.UtcNow.Ticks;
        var at = new StreamPosition(21_504, "ct1:17:AWSLogs/123456789012/CloudTrail/eu-west-1/2024/01/02/x é.json.gz");
        foreach (var (sent, manifest) in new (object, string)[]
                 {
                     (new ResumeRequest("aws_cloudtrail", epoch), "rq1"),
                     (new ResumePoint("k8s_audit", epoch, ulong.MaxValue - 1, true), "rp2"),
                     (new ResumePoint("counter", 1, 0, false), "rp2"),
                     (new ResumePoint("aws_cloudtrail", epoch, 21_600, false, at), "rp2"),
                     (new SourceAlertsWritten("counter", epoch, 123_456), "sw1"),
                     (new SourceCompleted("counter", epoch), "sc1"),
                     (new DrainOutputs(), "do1"),
                     (new OutputsDrained(), "od1"),
                 })
        {
            Assert.Equal(sent, _wire.RoundTrip(sent, manifest));
        }
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

        var back = _wire.RoundTrip(sent, "sa2");

        Assert.Equal((sent.Source, sent.Epoch, sent.Seq, sent.LowestUnwritten, sent.SafeThrough, sent.At),
            (back.Source, back.Epoch, back.Seq, back.LowestUnwritten, back.SafeThrough, back.At));
        WireSystem.AssertSameAlerts(alerts, back.Alerts);
    }

    [Fact]
    public void Messages_of_a_node_without_stream_positions_are_still_read()
    {
        // What a node of the previous version writes: the same fields, without the position (manifests rp1, sa1).
        var serializer = _wire.Serializer;
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
        var serializer = _wire.Serializer;
        var error = Assert.Throws<WireFormatException>(() => serializer.FromBinary([], "zz9"));
        Assert.Contains("'zz9'", error.Message);
        Assert.Contains(WireSerializer.Name, error.Message);
        // The error lists what this node reads: every manifest of the table, the old versions too.
        Assert.Contains("ab1, bd1, do1, eb1, ia1, od1, ro1, rp1, rp2, rq1, rr1, sa1, sa2, sc1, sw1", error.Message);
    }
}
