using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Falco.Actors.Engine.Tests.Actors;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Events;
using Falco.Actors.Plugins.Isolation;
using Falco.Actors.Plugins.Loading;

namespace Falco.Actors.Engine.Tests.Sources;

/// <summary>
/// A native source plugin's session run in a plugin-host process (<c>falco-actors --plugin-host</c>, found next to
/// the tests), driven through the plugin abstractions as the source actor drives it: the C test plugins counter
/// and faulty (which segfaults, aborts, exits, hangs or fails on request).
/// </summary>
public sealed class IsolatedSessionTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ConcurrentQueue<string> _log = new();

    public void Dispose() => _dir.Dispose();

    private PluginHostOptions Host(double callTimeoutS = 30, int batchEvents = 10) => new()
    {
        CallTimeout = TimeSpan.FromSeconds(callTimeoutS),
        BatchEvents = batchEvents,
        Log = _log.Enqueue,
    };

    private static LoadedPlugin Load(string name, string library, string initConfig) =>
        PluginSet.Load([new PluginConfigEntry(name, TestPlugins.Native(library), initConfig)], null).Find(name)!;

    private static LoadedPlugin Faulty(string initConfig) => Load("faulty", "libfaulty.so", initConfig);

    /// <summary>Pulls until EOF: (number, timestamp, plugin id, payload) of every event.</summary>
    private static List<(ulong, ulong, uint, string)> ReadAll(IPluginSession session)
    {
        var events = new List<(ulong, ulong, uint, string)>();
        var batch = new EventBatch();
        BatchStatus status;
        do
        {
            batch.Clear();
            status = session.NextBatch(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                var e = batch[i];
                events.Add((e.Num, e.TimestampNs, e.PluginId, Encoding.UTF8.GetString(e.Payload.Span)));
            }
        }
        while (status != BatchStatus.Eof);
        return events;
    }

    [Fact]
    public void An_isolated_session_gives_the_events_progress_and_logs_of_the_in_process_one_and_its_process_ends_with_it()
    {
        var counter = Load("counter", "libcounter.so", """{"count": 95, "batch": 7}""");
        List<(ulong, ulong, uint, string)> inProcess;
        using (var state = counter.CreateInstance())
        using (var session = state.Open("all"))
        {
            inProcess = ReadAll(session);
        }

        var isolated = IsolatedSourcePlugin.Isolate(counter, Host(batchEvents: 20));
        var instance = isolated.CreateInstance();
        List<(ulong, ulong, uint, string)> events;
        PluginProgress? progress;
        using (var session = instance.Open("all"))
        {
            events = ReadAll(session);
            progress = session.Progress;
        }
        instance.Dispose();

        Assert.Equal(95, inProcess.Count);
        Assert.Equal(inProcess, events);
        Assert.Equal(100.0, progress?.Percent);
        Assert.Null(instance.Extractor); // extraction stays in process
        // The plugin's log (at init and destroy) comes through the host's stderr, named; the host is gone with its
        // state, its last lines logged (Dispose waits for both).
        var destroyed = Assert.Single(_log, l => l.Contains("destroyed", StringComparison.Ordinal));
        var hostPid = int.Parse(Regex.Match(destroyed, @"^plugin 'counter' \(host process (\d+)\): ").Groups[1].Value);
        Assert.False(Directory.Exists($"/proc/{hostPid}"), $"host process {hostPid} still runs");
    }

    [Theory]
    [InlineData("segv", "SIGSEGV")]
    [InlineData("abort", "SIGABRT")]
    [InlineData("exit", "exited with code 3")]
    public void A_crash_in_next_batch_fails_that_call_naming_the_plugin_the_call_and_the_signal(string fault, string how)
    {
        var plugin = IsolatedSourcePlugin.Isolate(Faulty($$"""{"count": 100, "batch": 10, "fault": "{{fault}}", "fault_at": 25}"""), Host());
        using var instance = plugin.CreateInstance();
        using var session = instance.Open("");
        var batch = new EventBatch();

        Assert.Equal(BatchStatus.Success, session.NextBatch(batch));
        Assert.Equal(BatchStatus.Success, session.NextBatch(batch));
        var e = Assert.Throws<PluginException>(() => session.NextBatch(batch));

        Assert.Equal($"plugin 'faulty' session process died in next_batch: {how}", e.Message);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (ulong)i), Enumerable.Range(0, batch.Count).Select(i => batch[i].Num));
        // The session stays failed; closing and destroying it neither throws nor waits.
        Assert.Equal(e.Message, Assert.Throws<PluginException>(() => session.NextBatch(batch)).Message);
    }

    [Fact]
    public void A_call_that_hangs_is_killed_after_the_call_timeout()
    {
        var plugin = IsolatedSourcePlugin.Isolate(Faulty("""{"count": 100, "fault": "hang", "fault_at": 15}"""), Host(callTimeoutS: 1));
        using var instance = plugin.CreateInstance();
        using var session = instance.Open("");
        var batch = new EventBatch();

        session.NextBatch(batch);
        var e = Assert.Throws<PluginException>(() => session.NextBatch(batch));

        Assert.Equal("plugin 'faulty' session process did not answer next_batch within 1 s and was killed", e.Message);
        Assert.Equal(10, batch.Count);
    }

    [Theory]
    [InlineData("init")]
    [InlineData("open")]
    public void A_crash_in_init_or_open_fails_that_call(string call)
    {
        var plugin = IsolatedSourcePlugin.Isolate(Faulty($$"""{"fault": "segv", "fault_call": "{{call}}"}"""), Host());

        var e = Assert.Throws<PluginException>(() =>
        {
            using var instance = plugin.CreateInstance();
            using var session = instance.Open("");
        });

        Assert.Equal($"plugin 'faulty' session process died in {call}: SIGSEGV", e.Message);
    }

    [Fact]
    public void A_failure_the_plugin_reports_is_its_own_error_after_the_events_that_came_before_it()
    {
        var plugin = IsolatedSourcePlugin.Isolate(Faulty("""{"count": 100, "batch": 10, "fault": "fail", "fault_at": 35}"""),
            Host(batchEvents: 1000));
        using var instance = plugin.CreateInstance();
        using var session = instance.Open("");
        var batch = new EventBatch();

        // One answer gathers several next_batch calls: the 30 events before the failing call come first.
        Assert.Equal(BatchStatus.Success, session.NextBatch(batch));
        Assert.Equal(30, batch.Count);
        var e = Assert.Throws<PluginException>(() => session.NextBatch(batch));

        Assert.Contains("next_batch failed: next_batch refused on request at event 35", e.Message);
    }

    [Fact]
    public void Only_native_source_plugins_run_isolated()
    {
        var json = PluginSet.Load([new PluginConfigEntry("json", TestPlugins.Managed("Falco.Actors.Plugins.Json.dll"))], null).Find("json")!;
        var extractor = PluginSet.Load(
        [
            new PluginConfigEntry("counter", TestPlugins.Native("libcounter.so")),
            new PluginConfigEntry("xany", TestPlugins.Native("libxany.so")),
        ], null).Find("xany")!;

        Assert.Contains("is a managed plugin: process isolation runs native (.so) plugins only",
            Assert.Throws<PluginException>(() => IsolatedSourcePlugin.Isolate(json, Host())).Message);
        Assert.Contains("is not a source plugin: process isolation runs source sessions only",
            Assert.Throws<PluginException>(() => IsolatedSourcePlugin.Isolate(extractor, Host())).Message);
    }
}
