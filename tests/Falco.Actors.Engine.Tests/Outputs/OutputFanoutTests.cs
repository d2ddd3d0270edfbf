using Akka.TestKit.Xunit2;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Tests.Actors;

namespace Falco.Actors.Engine.Tests.Outputs;

public sealed class OutputFanoutTests : TestKit
{
    [Fact]
    public void Every_output_gets_every_batch_in_order_and_its_flush_answers_once_they_are_written()
    {
        var a = new RecordingSink("a");
        var b = new RecordingSink("b");
        var stats = new EngineStatistics();
        var fanout = new OutputFanout(Sys, [a, b], stats, capacity: 100);

        fanout.Write([Alerts.Text("one"), Alerts.Text("two")]);
        fanout.Write([Alerts.Text("three")]);
        Assert.True(fanout.Flush());

        ExpectMsg<SinkFlushed>();
        ExpectMsg<SinkFlushed>();
        Assert.Equal(["a", "b"], fanout.Names);
        Assert.Equal(3, stats.Snapshot().Written["a"]);
        Assert.Equal(3, stats.Snapshot().Written["b"]);
        Assert.Equal(["one", "two", "three"], a.Alerts.Select(x => x.Text));
        Assert.Equal(["one", "two", "three"], b.Alerts.Select(x => x.Text));
    }

    [Fact]
    public void A_flush_is_done_when_the_last_output_answered()
    {
        var a = new RecordingSink("a");
        var b = new RecordingSink("b");
        var fanout = new OutputFanout(Sys, [a, b], new EngineStatistics(), capacity: 100);

        Assert.True(fanout.Flush());
        Assert.True(fanout.Flushing);
        ExpectMsg<SinkFlushed>();
        Assert.False(fanout.Flushed());
        ExpectMsg<SinkFlushed>();
        Assert.True(fanout.Flushed());
        Assert.False(fanout.Flushing);
        Assert.Equal(1, a.Flushes);
        Assert.Equal(1, b.Flushes);
    }

    [Fact]
    public void Without_outputs_there_is_nothing_to_flush()
    {
        var fanout = new OutputFanout(Sys, [], new EngineStatistics(), capacity: 100);
        Assert.False(fanout.Flush());
        Assert.False(fanout.Flushing);
    }
}
