using System.Text;
using Akka.Actor;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Cluster.Serialization;
using Falco.Actors.Engine.Evaluation;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Plugins.Events;
using Falco.Actors.Rules;

namespace Falco.Actors.Engine.Tests.Cluster.Serialization;

/// <summary>
/// Every cross-node message through an ActorSystem's own serialization, bound as the engine binds it: the serializer
/// chosen is ours (never the JSON fallback) and what comes back equals what went in, payload bytes included.
/// </summary>
public sealed class WireSerializerTests : IDisposable
{
    private readonly WireSystem _wire = new("wire-tests");

    public void Dispose() => _wire.Dispose();

    private Akka.Serialization.Serialization Serialization => _wire.System.Serialization;

    private T RoundTrip<T>(T message, string manifest) where T : notnull => _wire.RoundTrip(message, manifest);

    private static EventBatch Batch(params (ulong Num, ulong Ts, uint Plugin, string Payload)[] events)
    {
        var batch = new EventBatch(2, 16);
        foreach (var e in events)
        {
            batch.Add(e.Num, e.Ts, e.Plugin, Encoding.UTF8.GetBytes(e.Payload));
        }
        return batch;
    }

    private static void AssertSameEvents(EventBatch expected, EventBatch actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.PayloadBytes, actual.PayloadBytes);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Num, actual[i].Num);
            Assert.Equal(expected[i].TimestampNs, actual[i].TimestampNs);
            Assert.Equal(expected[i].PluginId, actual[i].PluginId);
            Assert.Equal(expected[i].Payload.ToArray(), actual[i].Payload.ToArray());
        }
    }

    /// <summary>Every message that may cross nodes: the per-batch messages and those of fail-over and draining.</summary>
    public static readonly Type[] CrossNodeMessages =
    [
        typeof(EvaluateBatch), typeof(BatchDone), typeof(AlertBatch), typeof(ResumeRequest), typeof(ResumePoint), typeof(SourceAlerts),
        typeof(SourceAlertsWritten), typeof(SourceCompleted), typeof(DrainOutputs), typeof(OutputsDrained), typeof(ReloadRules),
        typeof(ReopenOutputs), typeof(InternalAlerts),
    ];

    [Fact]
    public void A_reload_and_a_reopen_request_come_back_unchanged()
    {
        Assert.Equal(new ReloadRules(1), RoundTrip(new ReloadRules(1), "rr1"));
        Assert.Equal(new ReloadRules(long.MaxValue), RoundTrip(new ReloadRules(long.MaxValue), "rr1"));
        Assert.Same(ReopenOutputs.Instance, RoundTrip(ReopenOutputs.Instance, "ro1"));
    }

    [Fact]
    public void Every_cross_node_message_type_is_bound_to_the_one_wire_serializer()
    {
        var marked = typeof(IWireMessage).Assembly.GetTypes().Where(t => t.IsClass && typeof(IWireMessage).IsAssignableFrom(t));
        Assert.Equal(CrossNodeMessages.Select(t => t.Name).Order(), marked.Select(t => t.Name).Order());
        foreach (var type in CrossNodeMessages)
        {
            var serializer = Serialization.FindSerializerForType(type);
            Assert.IsType<WireSerializer>(serializer);
            Assert.Equal(WireSerializer.Id, serializer.Identifier);
        }
    }

    [Fact]
    public void An_evaluate_batch_comes_back_with_identical_events_payload_bytes_and_actor_refs()
    {
        var outputs = _wire.System.ActorOf(Props.Empty, "outputs");
        var replyTo = _wire.System.ActorOf(Props.Empty, "guardian");
        // Out-of-order timestamps, a gap in numbers, an empty payload, binary bytes and several plugin ids.
        var batch = Batch(
            (41, 1_722_470_400_000_000_000, 2, """{"eventName":"ConsoleLogin","awsRegion":"us-east-1"}"""),
            (42, 1_722_470_399_000_000_000, 2, ""),
            (50, 1_722_470_401_500_000_000, 999, "ü\u0000\u00ff binary"),
            (ulong.MaxValue, 0, uint.MaxValue, "last"));
        var sent = new EvaluateBatch("aws_cloudtrail/3", "aws_cloudtrail", 17, batch, outputs, replyTo);

        var received = RoundTrip(sent, "eb1");

        Assert.Equal(sent.EntityId, received.EntityId);
        Assert.Equal(sent.Source, received.Source);
        Assert.Equal(sent.Seq, received.Seq);
        Assert.Equal(outputs, received.Outputs);
        Assert.Equal(replyTo, received.ReplyTo);
        AssertSameEvents(batch, received.Batch);
    }

    [Fact]
    public void An_empty_batch_and_a_missing_reply_address_survive_the_trip()
    {
        var sent = new EvaluateBatch("counter/0", "counter", 1, new EventBatch(), ActorRefs.Nobody, ActorRefs.Nobody);

        var received = RoundTrip(sent, "eb1");

        Assert.Equal(0, received.Batch.Count);
        Assert.True(received.Outputs.IsNobody());
        Assert.True(received.ReplyTo.IsNobody());
    }

    [Fact]
    public void A_batch_done_comes_back_equal()
    {
        var sent = new BatchDone("aws_cloudtrail", long.MaxValue, 512, 3, -1);
        Assert.Equal(sent, RoundTrip(sent, "bd1"));
    }

    [Fact]
    public void An_alert_batch_comes_back_with_every_field_of_every_alert()
    {
        FormattedAlert[] alerts =
        [
            new("Console Login Without MFA", Priority.Critical, "aws_cloudtrail", ["cloud", "aws", "aws_console"],
                1_722_470_400_123_456_789, "00:00:00.123456789: Critical Detected a console login without MFA (user=alice)",
                """{"output":"…","priority":"Critical","rule":"Console Login Without MFA"}"""),
            new("Console Login Without MFA", Priority.Critical, "aws_cloudtrail", ["cloud", "aws", "aws_console"],
                1_722_470_300_000_000_000, "second, earlier", null),
            new("Every counter event", Priority.Debug, "counter", [], 0, "", null),
        ];
        var received = RoundTrip(new AlertBatch("aws_cloudtrail", 9, alerts), "ab1");

        Assert.Equal("aws_cloudtrail", received.Source);
        Assert.Equal(9, received.Seq);
        WireSystem.AssertSameAlerts(alerts, received.Alerts);
    }

    [Fact]
    public void Internal_alerts_come_back_with_every_field()
    {
        FormattedAlert[] alerts =
        [
            new("Falco internal: metrics snapshot", Priority.Informational, "internal", [], 1_722_470_400_123_456_789,
                "00:00:00.123456789: Informational Falco metrics snapshot (falco.num_evts=3)",
                """{"output":"Falco metrics snapshot","rule":"Falco internal: metrics snapshot"}"""),
        ];
        var received = RoundTrip(new InternalAlerts(alerts), "ia1");

        WireSystem.AssertSameAlerts(alerts, received.Alerts);
    }

    [Fact]
    public void A_truncated_message_fails_with_a_wire_format_error_naming_the_manifest()
    {
        var serializer = _wire.Serializer;
        var bytes = serializer.ToBinary(new EvaluateBatch("c/0", "c", 1, Batch((1, 1, 1, "payload")), ActorRefs.Nobody, ActorRefs.Nobody));

        var error = Assert.Throws<WireFormatException>(() => serializer.FromBinary(bytes[..^3], "eb1"));
        Assert.Contains("malformed 'eb1' message", error.Message);
        var unknown = Assert.Throws<WireFormatException>(() => serializer.FromBinary(bytes, "eb9"));
        Assert.Contains("unknown manifest 'eb9'", unknown.Message);
    }

    [Fact]
    public void A_batch_of_large_payloads_comes_back_whole_and_the_message_bytes_hold_each_payload_once()
    {
        // 128 records of 1.5 KB: the size of a real batch (hundreds of KB, on the large-object heap).
        var random = new Random(7);
        var batch = new EventBatch(16, 1024);
        for (var i = 0; i < 128; i++)
        {
            var payload = new byte[i == 5 ? 0 : 1000 + random.Next(1000)];
            random.NextBytes(payload);
            batch.Add((ulong)i + 1_000_000, 1_722_470_400_000_000_000UL + (ulong)(i % 7) * 1_000_000_000UL, 2, payload);
        }
        var sent = new EvaluateBatch("aws_cloudtrail/1", "aws_cloudtrail", 3, batch, ActorRefs.Nobody, ActorRefs.Nobody);
        var serializer = Serialization.FindSerializerFor(sent);
        var bytes = serializer.ToBinary(sent);

        var received = Assert.IsType<EvaluateBatch>(Serialization.Deserialize(bytes, serializer.Identifier, "eb1"));

        AssertSameEvents(batch, received.Batch);
        Assert.InRange(bytes.Length - batch.PayloadBytes, 1, 128 * 16 + 64);
    }

    [Fact]
    public void Events_appended_to_a_received_batch_leave_its_received_events_intact()
    {
        var sent = new EvaluateBatch("c/0", "c", 1, Batch((1, 10, 1, "first"), (2, 20, 1, "second")), ActorRefs.Nobody, ActorRefs.Nobody);

        var received = RoundTrip(sent, "eb1").Batch;
        received.Add(3, 30, 1, Encoding.UTF8.GetBytes(new string('x', 5000)));
        received.Add(4, 40, 7, Encoding.UTF8.GetBytes("fourth"));

        AssertSameEvents(Batch((1, 10, 1, "first"), (2, 20, 1, "second"), (3, 30, 1, new string('x', 5000)), (4, 40, 7, "fourth")), received);
    }

    [Fact]
    public void Payload_lengths_that_do_not_add_up_to_the_batch_size_fail_before_any_event_is_read()
    {
        var serializer = _wire.Serializer;
        var bytes = serializer.ToBinary(new EvaluateBatch("c/0", "c", 1, Batch((1, 1, 1, "abc"), (2, 2, 1, "de")), ActorRefs.Nobody, ActorRefs.Nobody));
        // The last event's length (2) is the byte before the 5 payload bytes: claim 3, one more than there is.
        var tampered = (byte[])bytes.Clone();
        tampered[^6] = 3;

        var error = Assert.Throws<WireFormatException>(() => serializer.FromBinary(tampered, "eb1"));

        Assert.Contains("the payload lengths add up to 6 bytes, the batch says 5", error.Message);
    }
}
