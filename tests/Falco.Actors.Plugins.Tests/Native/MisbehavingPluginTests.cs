using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Events;
using static Falco.Actors.Plugins.Tests.Native.TestPlugins;

namespace Falco.Actors.Plugins.Tests.Native;

/// <summary>
/// The "broken" plugin misbehaving at run time (broken.c, config-driven). Its init/destroy counters are global to
/// the library, so every test using it lives in this one class (xunit runs a class's tests one at a time).
/// </summary>
public sealed class MisbehavingPluginTests
{
    private static int Destroys => CallHook("broken", "broken_destroy_count");
    private static int Inits => CallHook("broken", "broken_init_count");

    [Fact]
    public void Init_failing_with_a_state_reports_its_error_and_the_state_is_destroyed()
    {
        var plugin = Load("broken");
        var (inits, destroys) = (Inits, Destroys);
        var e = Assert.Throws<PluginException>(() => plugin.CreateInstance("""{"init": "fail_state"}"""));
        Assert.Equal($"plugin 'broken' ({PathOf("broken")}): init failed: init refused: the config asks me to fail", e.Message);
        Assert.Equal(inits + 1, Inits);
        Assert.Equal(destroys + 1, Destroys);
    }

    [Fact]
    public void Init_failing_without_a_state_is_reported_and_nothing_is_destroyed()
    {
        var plugin = Load("broken");
        var destroys = Destroys;
        var e = Assert.Throws<PluginException>(() => plugin.CreateInstance("""{"init": "fail_null"}"""));
        Assert.Contains("init failed: init returned no state", e.Message);
        Assert.Contains(PathOf("broken"), e.Message);
        Assert.Equal(destroys, Destroys);
    }

    [Fact]
    public void Dispose_destroys_the_state_once()
    {
        var destroys = Destroys;
        var instance = Load("broken").CreateInstance("");
        instance.Dispose();
        instance.Dispose();
        Assert.Equal(destroys + 1, Destroys);
    }

    [Fact]
    public void Open_failing_reports_the_plugins_error()
    {
        using var instance = Load("broken").CreateInstance("""{"open_fail": true}""");
        var e = Assert.Throws<PluginException>(() => instance.Open("stream-x"));
        Assert.Equal($"plugin 'broken' ({PathOf("broken")}): open('stream-x') failed: cannot open 'stream-x': no such stream", e.Message);
    }

    [Fact]
    public void Next_batch_failing_after_some_events_surfaces_the_last_error_and_the_session_stays_failed()
    {
        using var instance = Load("broken").CreateInstance("""{"count": 10, "fail_after": 3}""");
        using var session = instance.Open("");
        var batch = new EventBatch();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(BatchStatus.Success, session.NextBatch(batch));
        }
        Assert.Equal(3, batch.Count);
        var e = Assert.Throws<PluginException>(() => session.NextBatch(batch));
        Assert.Equal($"plugin 'broken' ({PathOf("broken")}): next_batch failed: stream broke after 3 events", e.Message);
        var again = Assert.Throws<PluginException>(() => session.NextBatch(batch));
        Assert.Equal(e.Message, again.Message);
        Assert.Equal(3, batch.Count);
    }

    [Fact]
    public void Events_returned_with_a_failure_are_handed_out_before_the_failure_is_reported()
    {
        using var instance = Load("broken").CreateInstance("""{"count": 10, "fail_after": 2, "fail_with_event": true}""");
        using var session = instance.Open("");
        var batch = new EventBatch();
        session.NextBatch(batch);
        session.NextBatch(batch);
        Assert.Equal(BatchStatus.Success, session.NextBatch(batch));
        Assert.Equal(["n=1", "n=2", "n=3"], Enumerable.Range(0, batch.Count).Select(i => System.Text.Encoding.ASCII.GetString(batch[i].Payload.Span)));
        var e = Assert.Throws<PluginException>(() => session.NextBatch(batch));
        Assert.EndsWith("next_batch failed: stream broke after 2 events", e.Message);
    }

    [Fact]
    public void Timeouts_and_empty_successes_are_reported_as_such()
    {
        using var instance = Load("broken").CreateInstance("""{"count": 2, "timeouts": 2, "zeros": 2}""");
        using var session = instance.Open("");
        var batch = new EventBatch();
        var seen = new List<(BatchStatus, int)>();
        BatchStatus status;
        do
        {
            status = session.NextBatch(batch);
            seen.Add((status, batch.Count));
        } while (status != BatchStatus.Eof);
        Assert.Equal(
            [
                (BatchStatus.Timeout, 0), (BatchStatus.Timeout, 0), (BatchStatus.Success, 0), (BatchStatus.Success, 0),
                (BatchStatus.Success, 1), (BatchStatus.Success, 2), (BatchStatus.Eof, 2),
            ],
            seen);
        Assert.Equal([1UL, 2UL], new[] { batch[0].Num, batch[1].Num });
    }

    [Theory]
    [InlineData("type", "type 402 is not a plugin event (322); only plugin events are supported")]
    [InlineData("nparams", "a plugin event has 2 parameters, not 3")]
    [InlineData("len", "length 20 is shorter than a plugin event header (38)")]
    [InlineData("id", "it carries plugin id 12345, not the plugin's own id 995")]
    public void Malformed_events_are_refused(string kind, string reason)
    {
        using var instance = Load("broken").CreateInstance($$"""{"bad_event": "{{kind}}"}""");
        using var session = instance.Open("");
        var e = Assert.Throws<PluginException>(() => session.NextBatch(new EventBatch()));
        Assert.Equal($"plugin 'broken' ({PathOf("broken")}): next_batch returned a malformed event (#0 of the batch): {reason}", e.Message);
    }
}
