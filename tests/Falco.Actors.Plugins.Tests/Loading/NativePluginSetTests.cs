using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Capture;
using Falco.Actors.Plugins.Events;
using Falco.Actors.Plugins.Loading;
using Falco.Actors.Plugins.Tests.Managed.TestPlugins;
using Falco.Actors.Plugins.Tests.Native;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Tests.Loading;

/// <summary>Plugin sets mixing the real C test plugins (tests/native-plugins) with managed ones.</summary>
public class NativePluginSetTests
{
    private static readonly string Managed = typeof(CounterPlugin).Assembly.Location;

    // Relative native names resolve in the plugins directory, as in Falco.
    private static readonly PluginLoadOptions Options = new() { PluginsDirectory = TestPlugins.BuildDir };

    [Fact]
    public void Native_and_managed_plugins_share_one_registry_per_source()
    {
        var set = PluginSet.Load(
        [
            new("counter", "libcounter.so", """{"count":5,"batch":2}"""),
            new("xcounter", "libxcounter.so"),
            new("xany", "libxany.so"),
            new("upper", Managed),
        ], null, Options);

        Assert.Equal(TestPlugins.PathOf("counter"), set.Plugins[0].LibraryFile);
        Assert.Equal(["counter"], set.Sources);
        var fields = set.FieldsOf("counter");
        Assert.Equal(["evt", "counter", "xcounter", "xany", "upper"], fields.Registry.Providers.Select(p => p.Name));

        // Stream from the native source, extract with native and managed extractors of one owner.
        using var source = set.Plugins[0].CreateInstance();
        using var session = source.Open("");
        var batch = new EventBatch();
        while (session.NextBatch(batch) != BatchStatus.Eof)
        {
        }
        Assert.Equal(5, batch.Count);

        using var owner = fields.CreateExtractors();
        var values = new FieldValues();
        var names = new[] { "counter.n", "xc.square", "upper.text", "evt.num", "evt.pluginname" };
        for (var slot = 0; slot < names.Length; slot++)
        {
            Assert.True(fields.Registry.TryGet(names[slot], out var f));
            owner.Extractors[f.Provider].Extract(batch[2], [new FieldRequest(slot, f.FieldId, f.Info.Type, f.Info.IsList, FieldArgument.Absent)], values);
        }
        Assert.Equal(3UL, values.GetNumber(0));
        Assert.Equal(9UL, values.GetNumber(1));
        Assert.Equal("N=3", values.GetString(2));
        Assert.Equal(3UL, values.GetNumber(3));
        Assert.Equal("counter", values.GetString(4));
    }

    [Fact]
    public void A_native_init_config_is_checked_against_its_schema()
    {
        var e = Assert.Throws<PluginException>(() =>
            PluginSet.Load([new("counter", "libcounter.so", """{"count":"many"}""")], null, Options));
        Assert.Equal(
            $"Plugin 'counter' ({TestPlugins.PathOf("counter")}): init config does not conform to the plugin's schema at '/count': expected integer, found string",
            e.Message);
    }

    [Fact]
    public void A_native_and_a_managed_plugin_of_one_name_are_refused()
    {
        var e = Assert.Throws<PluginException>(() =>
            PluginSet.Load([new("counter", "libcounter.so"), new("counter", Managed)], null, Options));
        Assert.Equal(
            $"Plugin 'counter' ({Managed}): a plugin with the same name is already loaded from '{TestPlugins.PathOf("counter")}'",
            e.Message);
    }

    [Fact]
    public void A_native_library_reporting_another_name_is_refused()
    {
        var e = Assert.Throws<PluginException>(() =>
            PluginSet.Load([new("mycounter", "libxcounter.so")], null, Options));
        Assert.Equal(
            $"Cannot load plugin 'mycounter' from '{TestPlugins.PathOf("xcounter")}': the plugin reports the name 'xcounter', and the configured name must equal it",
            e.Message);
    }

    [Fact]
    public void Recorded_native_events_replay_through_the_set_s_id_map()
    {
        var set = PluginSet.Load([new("counter", "libcounter.so", """{"count":7,"batch":3}""")], null, Options);
        using var stream = new MemoryStream();
        var recorded = new List<(ulong Ts, string Payload)>();
        using (var instance = set.Plugins[0].CreateInstance())
        using (var session = instance.Open(""))
        using (var writer = new ScapWriter(stream, leaveOpen: true))
        {
            var batch = new EventBatch();
            BatchStatus status;
            do
            {
                batch.Clear();
                status = session.NextBatch(batch);
                writer.Write(batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    recorded.Add((batch[i].TimestampNs, System.Text.Encoding.UTF8.GetString(batch[i].Payload.Span)));
                }
            }
            while (status != BatchStatus.Eof);
        }

        stream.Position = 0;
        using var reader = new ScapReader(stream, set.SourcesById, "recorded.scap");
        var replayed = new List<(ulong, string)>();
        var read = new EventBatch();
        while (reader.ReadBatch(read, out var source))
        {
            Assert.Equal("counter", source);
            for (var i = 0; i < read.Count; i++)
            {
                replayed.Add((read[i].TimestampNs, System.Text.Encoding.UTF8.GetString(read[i].Payload.Span)));
            }
            read.Clear();
        }
        Assert.Equal(7, recorded.Count);
        Assert.Equal(recorded, replayed);
        Assert.Empty(reader.UnknownPluginIds);
    }
}
