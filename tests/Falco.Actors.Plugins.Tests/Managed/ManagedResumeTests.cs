using System.Text;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Events;
using Falco.Actors.Plugins.Managed;
using Falco.Actors.Plugins.Tests.Managed.TestPlugins;

namespace Falco.Actors.Plugins.Tests.Managed;

/// <summary>A managed session is an <see cref="IResumableSession"/> that delegates to a resumable stream.</summary>
public class ManagedResumeTests
{
    private static readonly ManagedPlugin Counter = new(new CounterPlugin(), "tests");

    /// <summary>Every event to the end, as (number, payload text).</summary>
    private static List<(ulong Num, string Payload)> ReadAll(IPluginSession session) =>
        [.. Native.TestPlugins.ReadAll(session).Select(e => (e.Num, e.Payload))];

    [Fact]
    public void A_resumed_session_numbers_on_from_the_resumed_event_and_reads_from_the_stream_s_position()
    {
        using var instance = Counter.CreateInstance("""{"batchSize":3,"prefix":"n"}""");
        using var first = instance.Open("resumable:10");
        first.NextBatch(new EventBatch());
        first.NextBatch(new EventBatch());
        var resumable = Assert.IsAssignableFrom<IResumableSession>(first);
        Assert.Equal("at:6", resumable.PositionAfter(6));

        // Event 4 of a new session stands where the first stood after its event 6: numbers 5.., values 7...
        using var second = instance.Open("resumable:10");
        Assert.Equal(4UL, ((IResumableSession)second).ResumeAfter(4, "at:6"));
        var events = ReadAll(second);
        Assert.Equal([(5UL, "n7"), (6UL, "n8"), (7UL, "n9"), (8UL, "n10")], events);
        Assert.Equal("at:10", ((IResumableSession)second).PositionAfter(8));
    }

    [Fact]
    public void A_position_the_stream_cannot_use_gives_0_and_the_session_starts_at_the_beginning()
    {
        using var instance = Counter.CreateInstance("""{"batchSize":4}""");
        using var session = instance.Open("resumable:5");
        Assert.Equal(0UL, ((IResumableSession)session).ResumeAfter(3, "elsewhere"));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => ((ulong)i, i.ToString())), ReadAll(session));
    }

    [Fact]
    public void A_stream_that_is_not_resumable_names_no_position_and_cannot_resume()
    {
        using var instance = Counter.CreateInstance("""{"count":5}""");
        using var session = instance.Open("");
        var resumable = Assert.IsAssignableFrom<IResumableSession>(session);
        Assert.Equal(0UL, resumable.ResumeAfter(2, "at:2"));
        session.NextBatch(new EventBatch());
        Assert.Null(resumable.PositionAfter(2));
    }

    [Fact]
    public void Resuming_after_events_were_handed_out_gives_0_so_numbers_stay_as_given()
    {
        using var instance = Counter.CreateInstance("""{"batchSize":2}""");
        using var session = instance.Open("resumable:6");
        session.NextBatch(new EventBatch());
        Assert.Equal(0UL, ((IResumableSession)session).ResumeAfter(4, "at:4"));
        Assert.Equal([(3UL, "3"), (4UL, "4"), (5UL, "5"), (6UL, "6")], ReadAll(session));
    }

    [Fact]
    public void A_stream_failing_to_resume_is_a_plugin_error_naming_the_plugin_and_the_session_is_unusable()
    {
        using var instance = Counter.CreateInstance("{}");
        using var session = instance.Open("resumable:3");
        var error = Assert.Throws<PluginException>(() => ((IResumableSession)session).ResumeAfter(1, "at:throw"));
        Assert.Equal("Plugin 'counter' (tests): resume_after failed: no such place", error.Message);
        Assert.Contains("unusable", Assert.Throws<PluginException>(() => session.NextBatch(new EventBatch())).Message);
    }
}
