using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Rules.Fields;
using static Falco.Actors.Plugins.Tests.Native.TestPlugins;

namespace Falco.Actors.Plugins.Tests.Native;

/// <summary>The API 3.x extraction-only plugins (tests/native-plugins/extract3.c): with and without declared sources.</summary>
public sealed class ExtractorPluginTests
{
    [Fact]
    public void An_extractor_declaring_its_sources_lists_them()
    {
        var plugin = Load("xcounter");
        Assert.Equal(PluginCapabilities.Extraction, plugin.Info.Capabilities);
        Assert.Equal(["counter"], plugin.Info.ExtractEventSources);
        Assert.Null(plugin.Info.EventSource);
        using var instance = plugin.CreateInstance("");
        Assert.Equal([(ushort)322], ((Falco.Actors.Plugins.Native.NativeInstance)instance).ExtractEventTypes);
        var values = new FieldValues();
        instance.Extractor!.Extract(Event(3, "n=12"), [Request(plugin.Info, 0, "xc.square"), Request(plugin.Info, 1, "xc.payload")], values);
        Assert.Equal(144UL, values.GetNumber(0));
        Assert.Equal("n=12", values.GetString(1));
        var e = Assert.Throws<PluginException>(() => instance.Open(""));
        Assert.Contains("no event sourcing capability", e.Message);
    }

    [Fact]
    public void An_extractor_declaring_no_source_answers_no_value_for_payloads_it_does_not_understand()
    {
        var plugin = Load("xany");
        Assert.Empty(plugin.Info.ExtractEventSources);
        using var instance = plugin.CreateInstance("");
        var requests = new[] { Request(plugin.Info, 0, "xa.square"), Request(plugin.Info, 1, "xa.payload") };
        var values = new FieldValues();
        instance.Extractor!.Extract(Event(1, "{\"user\":\"root\"}", pluginId: 2), requests, values);
        Assert.True(values.IsExtracted(0) && values.IsExtracted(1));
        Assert.False(values.HasValue(0));
        Assert.False(values.HasValue(1));
        values.Reset();
        instance.Extractor.Extract(Event(2, "n=9", pluginId: 999), requests, values);
        Assert.Equal(81UL, values.GetNumber(0));
    }

    [Fact]
    public void The_owner_binds_the_event_source_given_to_the_plugin()
    {
        var plugin = Load("counter");
        using var instance = plugin.CreateInstance("");
        var request = new[] { Request(plugin.Info, 0, "counter.source") };
        var values = new FieldValues();
        instance.Extractor!.Extract(Event(1, "n=1"), request, values);
        Assert.Equal("counter", values.GetString(0));
        ((Falco.Actors.Plugins.Native.ISourceBoundExtractor)instance.Extractor).BindEventSource("other_source");
        values.Reset();
        instance.Extractor.Extract(Event(2, "n=2"), request, values);
        Assert.Equal("other_source", values.GetString(0));
    }

    [Fact]
    public void Extracting_from_a_source_plugins_events_with_a_second_plugin_works_event_after_event()
    {
        var source = Load("counter");
        var extractor = Load("xcounter");
        using var src = source.CreateInstance("""{"batch": 8, "count": 40}""");
        using var ext = extractor.CreateInstance("");
        using var session = src.Open("");
        var batch = new Falco.Actors.Plugins.Events.EventBatch();
        var values = new FieldValues();
        var request = new[] { Request(extractor.Info, 0, "xc.square") };
        var total = 0;
        BatchStatus status;
        do
        {
            batch.Clear();
            status = session.NextBatch(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                values.Reset();
                ext.Extractor!.Extract(batch[i], request, values);
                var k = (ulong)(total + 1);
                Assert.Equal(k * k, values.GetNumber(0));
                total++;
            }
        } while (status != BatchStatus.Eof);
        Assert.Equal(40, total);
    }
}
