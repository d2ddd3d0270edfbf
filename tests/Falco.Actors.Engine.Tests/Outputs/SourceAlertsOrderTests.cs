using System.Collections.Immutable;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Sources;

namespace Falco.Actors.Engine.Tests.Outputs;

public sealed class SourceAlertsOrderTests
{
    private static SourceAlerts Batch(long epoch, long seq, ulong safeThrough, long? lowest = null, StreamPosition? at = null) =>
        new("s", epoch, seq, lowest ?? seq, safeThrough, [Alerts.Text($"{epoch}/{seq}")], at);

    [Fact]
    public void Writes_each_batch_of_the_current_epoch_once_in_order_and_confirms_cumulatively()
    {
        var order = new SourceAlertsOrder();
        order.Resume(new ResumeRequest("s", 10), out _);

        Assert.True(order.Arrived(Batch(10, 1, 100), out var first));
        Assert.Equal(new SourceAlertsWritten("s", 10, 1), first);
        Assert.False(order.Arrived(Batch(10, 3, 300, lowest: 2), out var afterGap)); // batch 2 is missing
        Assert.Null(afterGap);
        Assert.True(order.Arrived(Batch(10, 2, 200), out var second));
        Assert.Equal(2, second!.Seq);
        Assert.False(order.Arrived(Batch(10, 1, 100), out var again)); // written already: confirmed, not written
        Assert.Equal(2, again!.Seq);
        Assert.Equal(new SourceWrites(10, 2, 200, null, false), order.Of("s"));
    }

    [Fact]
    public void A_new_incarnation_takes_over_and_the_old_ones_batches_are_neither_written_nor_confirmed()
    {
        var order = new SourceAlertsOrder();
        Assert.Equal(new ResumePoint("s", 10, 0, false), order.Resume(new ResumeRequest("s", 10), out var newEpoch));
        Assert.True(newEpoch);
        order.Arrived(Batch(10, 1, 100), out _);

        Assert.Equal(new ResumePoint("s", 20, 100, false), order.Resume(new ResumeRequest("s", 20), out newEpoch));
        Assert.True(newEpoch);
        Assert.False(order.Arrived(Batch(10, 2, 200), out var old));
        Assert.Null(old);
        // A guardian whose clock is behind gets the current epoch back.
        Assert.Equal(new ResumePoint("s", 20, 100, false), order.Resume(new ResumeRequest("s", 15), out newEpoch));
        Assert.False(newEpoch);
    }

    [Fact]
    public void A_router_that_missed_its_predecessors_last_publication_trusts_the_guardians_lowest_unconfirmed_batch()
    {
        var published = ImmutableDictionary<string, SourceWrites>.Empty.Add("s", new SourceWrites(10, 2, 200, null, false));
        var order = new SourceAlertsOrder(published);

        // Epoch 20 resumed while the predecessor ran; its batches up to 4 were confirmed.
        Assert.True(order.Arrived(Batch(20, 5, 500, lowest: 5), out var confirmation));
        Assert.Equal(new SourceAlertsWritten("s", 20, 5), confirmation);
        Assert.Equal(new SourceWrites(20, 5, 500, null, false), order.Of("s"));
    }

    [Fact]
    public void The_position_is_the_latest_written_batch_that_had_one()
    {
        var order = new SourceAlertsOrder();
        order.Arrived(Batch(10, 1, 100, at: new StreamPosition(100, "file-a:100")), out _);
        order.Arrived(Batch(10, 2, 200), out _);

        Assert.Equal(new ResumePoint("s", 30, 200, false, new StreamPosition(100, "file-a:100")), order.Resume(new ResumeRequest("s", 30), out _));
    }

    [Fact]
    public void A_source_finishes_once_and_a_later_incarnation_is_told_so()
    {
        var order = new SourceAlertsOrder();
        order.Resume(new ResumeRequest("s", 10), out _);
        order.Arrived(Batch(10, 1, 100), out _);

        Assert.Null(order.Completed(new SourceCompleted("s", 5), out var finished)); // a replaced incarnation
        Assert.False(finished);
        Assert.Equal(new ResumePoint("s", 10, 100, true), order.Completed(new SourceCompleted("s", 10), out finished));
        Assert.True(finished);
        order.Completed(new SourceCompleted("s", 10), out finished);
        Assert.False(finished);
        Assert.Equal(new ResumePoint("s", 40, 100, true), order.Resume(new ResumeRequest("s", 40), out _));
        Assert.True(order.Writes["s"].Finished);
    }
}
