using Falco.Actors.Engine.Sources;
using Falco.Actors.Plugins.Events;

namespace Falco.Actors.Engine.Tests.Sources;

/// <summary>What a source's guardian remembers across its sessions, without actors.</summary>
public sealed class SessionHistoryTests
{
    private static EventBatch Events(ulong from, ulong through)
    {
        var batch = new EventBatch(16);
        for (var num = from; num <= through; num++)
        {
            batch.Add(num, num, 1, [1]);
        }
        return batch;
    }

    [Fact]
    public void A_new_session_resumes_after_the_last_event_accepted_at_the_latest_position_known()
    {
        var history = new SessionHistory();
        Assert.False(history.SessionStarted());
        Assert.Equal(new ResumeFrom(0, 4), history.ResumeFrom(4));

        history.Accepted(Events(1, 10), new StreamPosition(10, "file-a:10"));
        history.Accepted(Events(11, 15), null); // the plugin could not say: the older place stays, the rest is skipped by number

        Assert.True(history.SessionStarted());
        Assert.Equal(1, history.Restarts);
        Assert.Equal(new ResumeFrom(15, 3, new StreamPosition(10, "file-a:10")), history.ResumeFrom(3));
        Assert.Equal(15UL, history.EventsAccepted);
    }

    [Fact]
    public void A_session_that_failed_at_its_position_makes_the_next_one_do_without_it()
    {
        var history = new SessionHistory();
        history.Accepted(Events(1, 10), new StreamPosition(10, "file-a:10"));

        history.SessionFailed(new SessionFailed("read error"));
        Assert.Equal(new StreamPosition(10, "file-a:10"), history.ResumeAt);
        history.SessionFailed(new SessionFailed("file-a is gone", AtResume: true));
        Assert.Null(history.ResumeAt);
        Assert.Equal(10UL, history.LastAccepted);
    }

    [Fact]
    public void In_a_cluster_it_resumes_where_the_router_says()
    {
        var history = new SessionHistory();
        history.ResumeAfter(300, new StreamPosition(280, "file-c:5"));

        Assert.Equal(new ResumeFrom(300, 2, new StreamPosition(280, "file-c:5")), history.ResumeFrom(2));
        Assert.Equal(0UL, history.EventsAccepted); // counts this incarnation's events only
    }

    [Fact]
    public void The_first_ending_decides_the_outcome_and_a_source_that_never_ended_was_given_up()
    {
        var eof = new SessionHistory();
        eof.Accepted(Events(1, 3), null);
        eof.SessionEnded(eof: true);
        eof.RequestStop();
        Assert.Equal(new SourceFinished("s", SourceOutcome.Eof, 3, 0, null), eof.Finished("s"));
        Assert.False(eof.StopRequested);

        var stopped = new SessionHistory();
        stopped.RequestStop();
        stopped.SessionEnded(eof: true);
        Assert.True(stopped.StopRequested);
        Assert.Equal(SourceOutcome.Stopped, stopped.Finished("s").Outcome);

        var failed = new SessionHistory();
        failed.SessionStarted();
        failed.SessionFailed(new SessionFailed("open failed"));
        failed.SessionStarted();
        failed.SessionFailed(new SessionFailed("open failed again"));
        Assert.Equal(new SourceFinished("s", SourceOutcome.Failed, 0, 1, "open failed again"), failed.Finished("s"));
    }
}
