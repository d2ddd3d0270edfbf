using Falco.Actors.Engine.Outputs;

namespace Falco.Actors.Engine.Tests.Outputs;

public sealed class AlertBatchOrderTests
{
    private static AlertBatch Batch(string source, long seq) => new(source, seq, [Alerts.Text($"{source}-{seq}")]);

    private static List<long> TakeReady(AlertBatchOrder order, string source)
    {
        var taken = new List<long>();
        while (order.TryTakeNext(source, out var batch))
        {
            taken.Add(batch.Seq);
        }
        return taken;
    }

    [Fact]
    public void Gives_each_sources_batches_back_in_batch_order()
    {
        var order = new AlertBatchOrder();

        Assert.True(order.Add(Batch("a", 2)));
        Assert.True(order.Add(Batch("b", 1)));
        Assert.Empty(TakeReady(order, "a"));
        Assert.Equal([1], TakeReady(order, "b"));
        Assert.True(order.Add(Batch("a", 3)));
        Assert.True(order.Add(Batch("a", 1)));
        Assert.Equal([1, 2, 3], TakeReady(order, "a"));
    }

    [Fact]
    public void A_batch_that_comes_again_after_it_was_given_back_is_dropped()
    {
        var order = new AlertBatchOrder();
        order.Add(Batch("a", 1));
        TakeReady(order, "a");

        Assert.False(order.Add(Batch("a", 1)));
        Assert.Empty(TakeReady(order, "a"));
    }

    [Fact]
    public void A_drain_takes_the_batches_waiting_behind_a_gap_lowest_first_and_a_late_missing_one_still_comes()
    {
        var order = new AlertBatchOrder();
        order.Add(Batch("a", 4));
        order.Add(Batch("a", 3));
        order.Add(Batch("b", 2));

        var waiting = new List<string>();
        while (order.TryTakeWaiting(out var batch))
        {
            waiting.Add($"{batch.Source}-{batch.Seq}");
        }

        Assert.Equal(["a-3", "a-4", "b-2"], waiting);
        order.Add(Batch("a", 1));
        Assert.Equal([1], TakeReady(order, "a"));
    }
}
