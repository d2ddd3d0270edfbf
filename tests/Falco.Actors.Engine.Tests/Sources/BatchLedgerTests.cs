using Akka.Actor;
using Falco.Actors.Engine.Evaluation;
using Falco.Actors.Engine.Sources;
using Falco.Actors.Plugins.Events;

namespace Falco.Actors.Engine.Tests.Sources;

/// <summary>The guardian's account of its batches in flight and their credits, without actors.</summary>
public sealed class BatchLedgerTests
{
    private static readonly DateTime T0 = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Sends the next batch (events <paramref name="from"/>..<paramref name="through"/>) at <paramref name="at"/>.</summary>
    private static EvaluateBatch Send(BatchLedger ledger, ulong from, ulong through, DateTime at, StreamPosition? position = null)
    {
        var batch = new EventBatch(8);
        for (var num = from; num <= through; num++)
        {
            batch.Add(num, num, 1, [1]);
        }
        var message = new EvaluateBatch($"s/{ledger.NextSeq % 2}", "s", ledger.NextSeq, batch, ActorRefs.Nobody, ActorRefs.Nobody);
        ledger.Add(message, through, position, at);
        return message;
    }

    /// <summary>A ledger with batches 1 (events 1-10) and 2 (11-20) in flight.</summary>
    private static BatchLedger TwoInFlight(int batchesInFlight)
    {
        var ledger = new BatchLedger(batchesInFlight);
        Send(ledger, 1, 10, T0);
        Send(ledger, 11, 20, T0);
        return ledger;
    }

    [Fact]
    public void Batches_are_numbered_from_one_and_counted_until_confirmed_once()
    {
        var ledger = new BatchLedger(batchesInFlight: 4);
        var first = Send(ledger, 1, 10, T0, new StreamPosition(10, "file-a:10"));
        var second = Send(ledger, 11, 20, T0);

        Assert.Equal((1L, 2L, 3L, 2), (first.Seq, second.Seq, ledger.NextSeq, ledger.Count));
        Assert.True(ledger.TryGetCovered(1, out var safeThrough, out var at));
        Assert.Equal((10UL, new StreamPosition(10, "file-a:10")), (safeThrough, at));

        Assert.True(ledger.Confirm(1, out var credit));
        Assert.Same(first.Batch, credit!.Recycled); // its buffer goes back to the session
        Assert.False(ledger.Confirm(1, out credit)); // a second confirmation (a re-sent batch evaluated twice)
        Assert.Null(credit);
        Assert.False(ledger.TryGetCovered(1, out _, out _));
        Assert.Equal(1, ledger.Count);
        Assert.True(ledger.HasOutstanding);
        Assert.True(ledger.Confirm(2, out _));
        Assert.False(ledger.HasOutstanding);
    }

    [Fact]
    public void A_batch_must_take_the_next_number()
    {
        var ledger = new BatchLedger(batchesInFlight: 4);
        var message = new EvaluateBatch("s/0", "s", 2, new EventBatch(1), ActorRefs.Nobody, ActorRefs.Nobody);
        Assert.Throws<ArgumentException>(() => ledger.Add(message, 1, null, T0));
    }

    [Fact]
    public void Batches_unconfirmed_for_resend_after_are_due_again_in_order_and_all_on_a_members_removal()
    {
        var ledger = new BatchLedger(batchesInFlight: 4);
        var first = Send(ledger, 1, 10, T0);
        var second = Send(ledger, 11, 20, T0.AddSeconds(5));
        var third = Send(ledger, 21, 30, T0.AddSeconds(8));
        ledger.Confirm(2, out _);
        var resendAfter = TimeSpan.FromSeconds(10);

        Assert.Empty(ledger.DueForResend(resendAfter, T0.AddSeconds(9)));
        Assert.Equal([first], ledger.DueForResend(resendAfter, T0.AddSeconds(10)));
        // Counted as sent again: due again only after another resend-after.
        Assert.Equal([third], ledger.DueForResend(resendAfter, T0.AddSeconds(19)));
        Assert.Equal([first, third], ledger.DueForResend(TimeSpan.Zero, T0.AddSeconds(19)));
        Assert.DoesNotContain(second, ledger.DueForResend(TimeSpan.Zero, T0.AddSeconds(30)));

        // A re-sent batch may still be queued at an evaluator (by reference): its buffer is not reused.
        Assert.True(ledger.Confirm(1, out var credit));
        Assert.Null(credit!.Recycled);
    }

    [Fact]
    public void Credits_are_withheld_while_the_outputs_are_busy_and_released_when_they_are_not()
    {
        var ledger = TwoInFlight(batchesInFlight: 2);
        ledger.OutputsBusy = true;

        Assert.True(ledger.Confirm(1, out var credit));
        Assert.Null(credit);
        Assert.Equal(1, ledger.Withheld);
        Assert.Equal(0, ledger.Release());

        ledger.OutputsBusy = false;
        Assert.Equal(1, ledger.Release());
        Assert.Equal(0, ledger.Release());
        Assert.True(ledger.Confirm(2, out credit));
        Assert.NotNull(credit);
    }

    [Fact]
    public void A_stop_releases_every_withheld_credit_even_while_the_outputs_are_busy()
    {
        var ledger = TwoInFlight(batchesInFlight: 2);
        ledger.OutputsBusy = true;
        ledger.Confirm(1, out _);
        ledger.Confirm(2, out _);

        Assert.Equal(2, ledger.ReleaseForStop());
        Assert.False(ledger.OutputsBusy);
        Assert.Equal(0, ledger.Withheld);
    }

    [Fact]
    public void Credits_are_withheld_while_the_router_is_behind_by_twice_the_batches_in_flight()
    {
        var ledger = TwoInFlight(batchesInFlight: 2);

        ledger.AlertsHeld = 3;
        Assert.False(ledger.RouterBehind);
        Assert.True(ledger.Confirm(1, out var credit));
        Assert.NotNull(credit);

        ledger.AlertsHeld = 4;
        Assert.True(ledger.RouterBehind);
        Assert.True(ledger.Confirm(2, out credit));
        Assert.Null(credit);
        Assert.True(ledger.HasOutstanding); // nothing in flight, but alerts still wait for the router
        // A new session starts with no credit while the router is behind: they are withheld with the rest.
        Assert.Equal(0, ledger.CreditsForNewSession());
        Assert.Equal(2, ledger.Withheld);
        Assert.Equal(0, ledger.Release());

        ledger.AlertsHeld = 0;
        Assert.Equal(2, ledger.Release());
        Assert.False(ledger.HasOutstanding);
    }

    [Fact]
    public void A_new_session_gets_the_credits_neither_in_flight_nor_withheld()
    {
        var ledger = new BatchLedger(batchesInFlight: 4);
        Assert.Equal(4, ledger.CreditsForNewSession());
        Send(ledger, 1, 10, T0);
        Send(ledger, 11, 20, T0);
        ledger.OutputsBusy = true;
        ledger.Confirm(1, out _);

        Assert.Equal(2, ledger.CreditsForNewSession()); // one in flight, one withheld
        Assert.Equal(1, ledger.Withheld);
    }
}
