using System.Collections.Immutable;
using Akka.Actor;
using Akka.DistributedData;
using Akka.TestKit.Xunit2;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Sources;

namespace Falco.Actors.Engine.Tests.Outputs;

/// <summary>The router's publisher on a one-node cluster, with an interval long enough never to end within a test.</summary>
public sealed class WrittenPositionsPublisherTests : TestKit
{
    public WrittenPositionsPublisherTests() : base(OneNodeCluster.Hocon("10m"), "publisher-tests") => OneNodeCluster.Join(this);

    internal static PublishPositions Positions(long seq, bool urgent = false) =>
        new(ImmutableDictionary<string, SourceWrites>.Empty.Add("s", new SourceWrites(1, seq, (ulong)seq * 100, null, false)), urgent);

    internal static long PublishedSeq(Changed changed) => WrittenPositions.Read(changed.Get(WrittenPositions.Key), "s").LastSeq;

    [Fact]
    public void Reads_what_a_predecessor_published_and_tells_its_parent()
    {
        var published = new SourceWrites(7, 3, 300, new StreamPosition(300, "file-c:10"), Finished: false);
        OneNodeCluster.Publish(this, "s", published);

        ChildActorOf(WrittenPositionsPublisher.Props());

        Assert.Equal(published, ExpectMsg<WrittenPositionsRead>().Writes["s"]);
    }

    [Fact]
    public void Publishes_the_first_change_at_once_the_next_after_the_interval_and_an_urgent_one_at_once_with_it()
    {
        var changes = CreateTestProbe();
        OneNodeCluster.Replicator(this).Tell(Dsl.Subscribe(WrittenPositions.Key, changes));
        var publisher = ChildActorOf(WrittenPositionsPublisher.Props());
        Assert.Empty(ExpectMsg<WrittenPositionsRead>().Writes);

        publisher.Tell(Positions(1));
        Assert.Equal(1, PublishedSeq(changes.ExpectMsg<Changed>()));
        publisher.Tell(Positions(2));
        changes.ExpectNoMsg(TimeSpan.FromMilliseconds(500)); // within the interval
        publisher.Tell(Positions(3, urgent: true));
        Assert.Equal(3, PublishedSeq(changes.ExpectMsg<Changed>()));
    }

    [Fact]
    public async Task A_hand_over_publishes_what_waits_at_once_and_answers_when_it_is_written()
    {
        var publisher = ChildActorOf(WrittenPositionsPublisher.Props());
        ExpectMsg<WrittenPositionsRead>();
        publisher.Tell(PublishRemaining.Instance);
        ExpectMsg<PositionsPublished>(); // nothing to publish

        publisher.Tell(Positions(1));
        publisher.Tell(Positions(2)); // waits for the interval (or for the write of 1)
        publisher.Tell(PublishRemaining.Instance);

        ExpectMsg<PositionsPublished>();
        Assert.Equal(2, (await OneNodeCluster.ReadLocalAsync(this, "s")).LastSeq);
    }
}

/// <summary>The publisher with a short interval, to see it end.</summary>
public sealed class WrittenPositionsPublisherIntervalTests : TestKit
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public WrittenPositionsPublisherIntervalTests() : base(OneNodeCluster.Hocon("1s"), "publisher-interval-tests") => OneNodeCluster.Join(this);

    [Fact]
    public void A_change_after_a_write_is_published_once_the_interval_since_that_write_is_over()
    {
        var changes = CreateTestProbe();
        OneNodeCluster.Replicator(this).Tell(Dsl.Subscribe(WrittenPositions.Key, changes));
        var publisher = ChildActorOf(WrittenPositionsPublisher.Props());
        ExpectMsg<WrittenPositionsRead>();

        var started = DateTime.UtcNow;
        publisher.Tell(WrittenPositionsPublisherTests.Positions(1));
        Assert.Equal(1, WrittenPositionsPublisherTests.PublishedSeq(changes.ExpectMsg<Changed>()));
        publisher.Tell(WrittenPositionsPublisherTests.Positions(2));
        publisher.Tell(WrittenPositionsPublisherTests.Positions(3)); // coalesced with 2: one write carries the latest

        Assert.Equal(3, WrittenPositionsPublisherTests.PublishedSeq(changes.ExpectMsg<Changed>(TimeSpan.FromSeconds(10))));
        Assert.True(DateTime.UtcNow - started >= Interval, $"published {DateTime.UtcNow - started} after the first write");
    }
}
