using System.Text;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Events;
using Falco.Actors.Plugins.Managed;
using Falco.Actors.Plugins.Tests.Managed.TestPlugins;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Tests.Managed;

public class ManagedPluginTests
{
    private static readonly ManagedPlugin Counter = new(new CounterPlugin(), "tests");

    [Fact]
    public void Describes_the_plugin_like_a_native_one()
    {
        var info = Counter.Info;
        Assert.Equal("counter", info.Name);
        Assert.Equal("1.2.3", info.Version);
        Assert.Equal(ManagedPlugin.ApiVersion, info.RequiredApiVersion);
        Assert.Equal(PluginCapabilities.Sourcing | PluginCapabilities.Extraction, info.Capabilities);
        Assert.Equal(999u, info.Id);
        Assert.Equal("counter", info.EventSource);
        Assert.Equal(["counter.value", "counter.text", "counter.even", "counter.digits", "counter.char"],
            info.Fields.Select(f => f.Name));
        Assert.Contains("CounterConfig", info.InitSchema);
        Assert.Equal("tests", info.Location);
    }

    [Fact]
    public void Open_next_batch_and_close_stream_every_event_with_numbers_timestamps_and_id()
    {
        using var instance = Counter.CreateInstance("""{"count":10,"batchSize":4,"prefix":"n"}""");
        using var session = instance.Open("");
        var batch = new EventBatch();
        var statuses = new List<BatchStatus>();
        var payloads = new List<string>();
        var nums = new List<ulong>();
        BatchStatus status;
        do
        {
            batch.Clear();
            status = session.NextBatch(batch);
            statuses.Add(status);
            for (var i = 0; i < batch.Count; i++)
            {
                var evt = batch[i];
                Assert.Equal(999u, evt.PluginId);
                Assert.Equal(1000UL + evt.Num, evt.TimestampNs);
                nums.Add(evt.Num);
                payloads.Add(Encoding.UTF8.GetString(evt.Payload.Span));
            }
        }
        while (status != BatchStatus.Eof);

        Assert.Equal([BatchStatus.Success, BatchStatus.Success, BatchStatus.Eof], statuses);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (ulong)i), nums);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => "n" + i), payloads);
    }

    [Fact]
    public void Progress_follows_the_stream()
    {
        using var instance = Counter.CreateInstance("""{"count":8,"batchSize":2}""");
        using var session = instance.Open("");
        Assert.Equal(new PluginProgress(0, "0/8"), session.Progress);
        session.NextBatch(new EventBatch());
        session.NextBatch(new EventBatch());
        Assert.Equal(new PluginProgress(50, "4/8"), session.Progress);
    }

    [Fact]
    public void Open_params_are_listed_and_passed_to_open()
    {
        using var instance = Counter.CreateInstance("{}");
        Assert.Equal(["5", "100"], instance.ListOpenParams().Select(p => p.Value));
        using var session = instance.Open("5");
        var batch = new EventBatch();
        while (session.NextBatch(batch) != BatchStatus.Eof)
        {
        }
        Assert.Equal(5, batch.Count);
    }

    [Fact]
    public void Extraction_reads_the_batch_payload_in_place()
    {
        using var instance = Counter.CreateInstance("""{"count":3,"batchSize":3,"prefix":"v"}""");
        using var session = instance.Open("");
        var batch = new EventBatch();
        session.NextBatch(batch);
        var evt = batch[2]; // payload "v3"

        var extractor = Assert.IsAssignableFrom<IFieldExtractor>(instance.Extractor);
        var values = new FieldValues();
        FieldRequest[] requests =
        [
            new(0, 0, FieldType.UInt64, false, FieldArgument.Absent),
            new(1, 1, FieldType.String, false, FieldArgument.Absent),
            new(2, 2, FieldType.Bool, false, FieldArgument.Absent),
            new(3, 3, FieldType.String, true, FieldArgument.Absent),
            new(4, 4, FieldType.String, false, FieldArgument.OfIndex(1, "1")),
        ];
        extractor.Extract(evt, requests, values);

        Assert.Equal(3UL, values.GetNumber(0));
        Assert.Equal("v3", values.GetString(1));
        Assert.False(values.GetBool(2));
        Assert.Equal(1, values.Count(3));
        Assert.Equal("3", values.GetString(3));
        Assert.Equal("3", values.GetString(4, 0));
        // Zero copy: the plugin saw the very bytes of the batch buffer.
        var state = Assert.IsType<CounterState>(instance.Extractor);
        Assert.True(state.LastPayload.Span.Overlaps(batch[2].Payload.Span));
    }

    [Fact]
    public void A_payload_the_extractor_does_not_understand_leaves_fields_missing()
    {
        using var instance = Counter.CreateInstance("{}");
        var batch = new EventBatch();
        batch.Add(1, 1, 999, "not a number"u8);
        var values = new FieldValues();
        instance.Extractor!.Extract(batch[0], [new(0, 0, FieldType.UInt64, false, FieldArgument.Absent)], values);
        Assert.False(values.HasValue(0));
    }

    [Fact]
    public void Event_to_string_gives_the_plugin_text()
    {
        using var instance = Counter.CreateInstance("{}");
        var batch = new EventBatch();
        batch.Add(1, 1, 999, "42"u8);
        Assert.Equal("counter #42", instance.EventToString(batch[0]));
    }

    [Fact]
    public void Each_instance_is_a_fresh_state_destroyed_on_dispose()
    {
        var first = Counter.CreateInstance("{}");
        var second = Counter.CreateInstance("{}");
        Assert.NotSame(first.Extractor, second.Extractor);
        first.Dispose();
        Assert.True(((CounterState)first.Extractor!).Disposed);
        Assert.False(((CounterState)second.Extractor!).Disposed);
        second.Dispose();
    }

    [Fact]
    public void Failures_are_plugin_exceptions_naming_the_plugin()
    {
        var initError = Assert.Throws<PluginException>(() => Counter.CreateInstance("not json"));
        Assert.StartsWith("Plugin 'counter' (tests): init failed:", initError.Message);

        using var instance = Counter.CreateInstance("{}");
        var openError = Assert.Throws<PluginException>(() => instance.Open("fail"));
        Assert.Equal("Plugin 'counter' (tests): cannot open 'fail': cannot open 'fail'", openError.Message);

        using var broken = Counter.CreateInstance("""{"prefix":"boom"}""");
        using var session = broken.Open("");
        session.NextBatch(new EventBatch());
        var batchError = Assert.Throws<PluginException>(() => session.NextBatch(new EventBatch()));
        Assert.Equal("Plugin 'counter' (tests): next_batch failed: the counter broke", batchError.Message);
        var after = Assert.Throws<PluginException>(() => session.NextBatch(new EventBatch()));
        Assert.Contains("unusable", after.Message);
    }

    [Fact]
    public void An_extraction_only_plugin_cannot_open_and_has_no_source()
    {
        var upper = new ManagedPlugin(new UpperPlugin(), "tests");
        Assert.Equal(PluginCapabilities.Extraction, upper.Info.Capabilities);
        Assert.Null(upper.Info.EventSource);
        Assert.Equal(["counter"], upper.Info.ExtractEventSources);
        using var instance = upper.CreateInstance("");
        Assert.NotNull(instance.Extractor);
        Assert.Empty(instance.ListOpenParams());
        var e = Assert.Throws<PluginException>(() => instance.Open(""));
        Assert.Contains("has no event sourcing capability", e.Message);
    }

    [Fact]
    public void Invalid_descriptions_are_refused()
    {
        var e = Assert.Throws<PluginException>(() => new ManagedPlugin(new BadVersionPlugin(), "tests"));
        Assert.Equal("Plugin 'badversion' (tests): version 'one' is not a valid x.y.z version", e.Message);
        var none = Assert.Throws<PluginException>(() => new ManagedPlugin(new NoCapabilityPlugin(), "tests"));
        Assert.Contains("no capability", none.Message);
    }

    private sealed class BadVersionPlugin : IManagedExtractorPlugin
    {
        public string Name => "badversion";
        public string Version => "one";
        public IReadOnlyList<FieldInfo> Fields => [new("x.y", FieldType.String, "x")];
        public IManagedPluginState Init(string initConfig) => throw new NotSupportedException();
    }

    private sealed class NoCapabilityPlugin : IManagedPlugin
    {
        public string Name => "nothing";
        public string Version => "1.0.0";
        public IManagedPluginState Init(string initConfig) => throw new NotSupportedException();
    }
}
