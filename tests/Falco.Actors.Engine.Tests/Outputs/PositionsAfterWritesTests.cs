using System.Collections.Immutable;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Outputs;

namespace Falco.Actors.Engine.Tests.Outputs;

/// <summary>A publication of the written positions waits until every output has written what was sent before it.</summary>
public sealed class PositionsAfterWritesTests
{
    private static ImmutableDictionary<string, SourceWrites> Through(ulong through) =>
        ImmutableDictionary<string, SourceWrites>.Empty.Add("s", new SourceWrites(1, (long)through, through, null, false));

    [Fact]
    public void A_publication_waits_for_the_slowest_output_and_carries_the_file_length_at_that_point()
    {
        var positions = new PositionsAfterWrites(["file", "http"], lengthOf: "file");
        positions.Sent(2);
        positions.Add(Through(10), urgent: false);
        positions.Sent(3);
        positions.Add(Through(20), urgent: true);

        Assert.False(positions.TryRelease(out _)); // nothing written yet
        positions.Written("file", 2, length: 100);
        positions.Written("file", 5, length: 250);
        Assert.False(positions.TryRelease(out _)); // http has written nothing

        positions.Written("http", 2, length: -1);
        Assert.True(positions.TryRelease(out var first));
        Assert.Equal(10UL, first.Writes["s"].WrittenThrough);
        Assert.Equal(100, first.FileOutputLength);
        Assert.False(first.Urgent);

        positions.Written("http", 5, length: -1);
        Assert.True(positions.TryRelease(out var second));
        Assert.Equal(20UL, second.Writes["s"].WrittenThrough);
        Assert.Equal(250, second.FileOutputLength);
        Assert.True(second.Urgent);
        Assert.False(positions.TryRelease(out _));
    }

    [Fact]
    public void A_point_the_file_output_passed_in_one_chunk_is_skipped_for_a_later_one_whose_length_is_known()
    {
        var positions = new PositionsAfterWrites(["file"], lengthOf: "file");
        positions.Sent(2);
        positions.Add(Through(10), urgent: true);
        positions.Sent(3);
        positions.Add(Through(20), urgent: false);
        positions.Written("file", 4, length: 400); // through 2 was never a chunk's end: its length is unknown
        Assert.False(positions.TryRelease(out _));
        positions.Written("file", 5, length: 500);
        Assert.True(positions.TryRelease(out var released));
        Assert.Equal(20UL, released.Writes["s"].WrittenThrough);
        Assert.Equal(500, released.FileOutputLength);
        Assert.True(released.Urgent); // the skipped one was urgent
    }

    [Fact]
    public void Publications_without_alerts_go_at_once_the_latest_one_of_several_and_urgent_if_any_was()
    {
        var positions = new PositionsAfterWrites(["stdout"], lengthOf: null);
        positions.Add(Through(1), urgent: true);
        positions.Add(Through(2), urgent: false);
        Assert.True(positions.TryRelease(out var released));
        Assert.Equal(2UL, released.Writes["s"].WrittenThrough);
        Assert.True(released.Urgent);
        Assert.Equal(-1, released.FileOutputLength);
    }

    [Fact]
    public void A_file_length_reported_before_a_publication_is_made_is_still_its_length()
    {
        var positions = new PositionsAfterWrites(["file"], lengthOf: "file");
        positions.Sent(3);
        positions.Written("file", 3, length: 300);
        positions.Add(Through(7), urgent: false); // a batch without alerts, after the file caught up
        Assert.True(positions.TryRelease(out var released));
        Assert.Equal(300, released.FileOutputLength);
    }
}
