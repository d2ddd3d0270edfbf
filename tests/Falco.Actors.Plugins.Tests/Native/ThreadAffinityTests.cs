using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Events;
using Falco.Actors.Rules.Fields;
using static Falco.Actors.Plugins.Tests.Native.TestPlugins;

namespace Falco.Actors.Plugins.Tests.Native;

/// <summary>
/// The counter plugin records the OS thread of every call on a state and counts overlapping calls. Several owners,
/// each with its own state on its own thread, run at once: no state may see a foreign thread or an overlap.
/// </summary>
public sealed class ThreadAffinityTests
{
    [Fact]
    public void Each_state_is_called_only_from_its_owners_thread_and_never_concurrently()
    {
        var plugin = Load("counter");
        const int owners = 4;
        var results = new (int Tid, ulong[] Tids, ulong Overlaps, int Events, Exception? Error)[owners];
        var threads = Enumerable.Range(0, owners).Select(o => new Thread(() =>
        {
            try
            {
                results[o] = RunOwner(plugin);
            }
            catch (Exception e)
            {
                results[o] = (0, [], 0, 0, e);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Equal(owners, results.Select(r => r.Tid).Distinct().Count());
        foreach (var r in results)
        {
            Assert.Null(r.Error);
            Assert.Equal(60, r.Events);
            Assert.Equal([(ulong)r.Tid], r.Tids);
            Assert.Equal(0UL, r.Overlaps);
        }
    }

    [Fact]
    public void The_recording_sees_a_second_thread_when_a_state_changes_hands()
    {
        var plugin = Load("counter");
        using var instance = plugin.CreateInstance("");
        var request = new[] { Request(plugin.Info, 0, "counter.tids") };
        var values = new FieldValues();
        var other = 0;
        var thread = new Thread(() =>
        {
            other = GetTid();
            instance.Extractor!.Extract(Event(1, "n=1"), request, values);
        });
        thread.Start();
        thread.Join();
        values.Reset();
        instance.Extractor!.Extract(Event(2, "n=2"), request, values);
        var tids = Enumerable.Range(0, values.Count(0)).Select(i => values.GetNumber(0, i)).ToList();
        Assert.Equal(new[] { (ulong)GetTid(), (ulong)other }.Order(), tids.Order());
    }

    private static (int, ulong[], ulong, int, Exception?) RunOwner(IPlugin plugin)
    {
        var tid = GetTid();
        using var instance = plugin.CreateInstance("""{"batch": 6, "count": 60, "dwell_us": 100}""");
        using var session = instance.Open("");
        var info = plugin.Info;
        var requests = new[] { Request(info, 0, "counter.n"), Request(info, 1, "counter.text") };
        var probe = new[] { Request(info, 0, "counter.tids"), Request(info, 1, "counter.overlaps") };
        var values = new FieldValues();
        var batch = new EventBatch();
        var events = 0;
        BatchStatus status;
        do
        {
            batch.Clear();
            status = session.NextBatch(batch);
            _ = session.Progress;
            for (var i = 0; i < batch.Count; i++)
            {
                values.Reset();
                instance.Extractor!.Extract(batch[i], requests, values);
                Assert.Equal(batch[i].Num, values.GetNumber(0));
                _ = instance.EventToString(batch[i]);
                events++;
            }
        } while (status != BatchStatus.Eof);
        values.Reset();
        instance.Extractor!.Extract(Event(1, "n=1"), probe, values);
        var tids = Enumerable.Range(0, values.Count(0)).Select(i => values.GetNumber(0, i)).ToArray();
        return (tid, tids, values.GetNumber(1), events, null);
    }
}
