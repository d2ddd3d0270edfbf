using Falco.Actors.Plugins.Native;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Rules.Fields;
using static Falco.Actors.Plugins.Tests.Native.TestPlugins;

namespace Falco.Actors.Plugins.Tests.Native;

/// <summary>Plugins of the older API generations: 1.0.0, 2.0.0 (legacy2.c) and 0.3.0 (seed0.c).</summary>
public sealed class LegacyPluginTests
{
    [Theory]
    [InlineData("legacy2", "2.0.0", 998u)]
    [InlineData("legacy1", "1.0.0", 997u)]
    public void Api_1_and_2_source_plugins_stream_to_eof_and_extract(string name, string api, uint id)
    {
        var plugin = Load(name);
        Assert.Equal(api, plugin.Info.RequiredApiVersion);
        Assert.Equal(PluginCapabilities.Sourcing | PluginCapabilities.Extraction, plugin.Info.Capabilities);
        Assert.Equal(id, plugin.Info.Id);
        Assert.Equal(name, plugin.Info.EventSource);
        using var instance = plugin.CreateInstance("""{"batch": 7, "count": 33}""");
        using var session = instance.Open("");
        var events = ReadAll(session);
        Assert.Equal(33, events.Count);
        for (var k = 1; k <= 33; k++)
        {
            Assert.Equal(((ulong)k, 1600000000000000000UL + (ulong)k, id, $"n={k}"), events[k - 1]);
        }
        Assert.Equal("legacy n=21", instance.EventToString(Event(1, "n=21", id)));

        var info = plugin.Info;
        var requests = new[]
        {
            Request(info, 0, "legacy.n"),
            Request(info, 1, "legacy.text"),
            Request(info, 2, "legacy.divisors"),
            Request(info, 3, "legacy.digit", FieldArgument.OfIndex(1, "1")),
            Request(info, 4, "legacy.tag", FieldArgument.OfKey("k")),
            Request(info, 5, "legacy.digit", FieldArgument.OfIndex(0, "0")),
        };
        var values = new FieldValues();
        instance.Extractor!.Extract(Event(5, "n=28", id), requests, values);
        Assert.Equal(28UL, values.GetNumber(0));
        Assert.Equal("legacy-28", values.GetString(1));
        Assert.Equal(new ulong[] { 1, 2, 4, 7, 14, 28 }, Enumerable.Range(0, values.Count(2)).Select(i => values.GetNumber(2, i)));
        Assert.Equal(8UL, values.GetNumber(3));
        Assert.Equal("k:28", values.GetString(4));
        Assert.Equal(2UL, values.GetNumber(5));
        values.Reset();
        instance.Extractor.Extract(Event(6, "other", id), requests, values);
        Assert.All(Enumerable.Range(0, 6), slot => Assert.False(values.HasValue(slot)));
    }

    [Fact]
    public void Api_1_and_2_fields_allow_only_string_and_uint64()
    {
        var e = Assert.Throws<PluginException>(() =>
            PluginFieldsJson.Parse("""[{"name":"a.b","type":"bool","desc":"d"}]""", "plugin 'x' (/x.so)", apiMajor: 2));
        Assert.Equal("plugin 'x' (/x.so): get_fields: field #0 'a.b' has unsupported type 'bool'", e.Message);
    }

    [Fact]
    public void An_api_0_3_source_plugin_streams_and_extracts_single_values()
    {
        var plugin = Load("seed_source");
        Assert.Equal("0.3.0", plugin.Info.RequiredApiVersion);
        Assert.Equal(PluginCapabilities.Sourcing | PluginCapabilities.Extraction, plugin.Info.Capabilities);
        Assert.Equal(996u, plugin.Info.Id);
        Assert.Equal("seed", plugin.Info.EventSource);
        Assert.Equal(new FieldArgSpec(true, false, true), plugin.Info.Fields[2].Arg);
        using var instance = plugin.CreateInstance("""{"batch": 4, "count": 10}""");
        using var session = instance.Open("");
        var statuses = new List<BatchStatus>();
        var events = ReadAll(session, statuses);
        Assert.Equal(Enumerable.Range(1, 10).Select(k => ((ulong)k, 1500000000000000000UL + (ulong)k, 996u, $"n={k}")), events);
        Assert.Equal([BatchStatus.Success, BatchStatus.Success, BatchStatus.Success, BatchStatus.Eof], statuses);
        Assert.Equal("seed n=3", instance.EventToString(Event(1, "n=3", 996)));

        var values = new FieldValues();
        var requests = new[]
        {
            Request(plugin.Info, 0, "seed.n"), Request(plugin.Info, 1, "seed.text"),
            Request(plugin.Info, 2, "seed.tag", FieldArgument.OfKey("x")),
        };
        instance.Extractor!.Extract(Event(1, "n=15", 996), requests, values);
        Assert.Equal(15UL, values.GetNumber(0));
        Assert.Equal("seed-15", values.GetString(1));
        Assert.Equal("x/15", values.GetString(2));
    }

    [Fact]
    public void An_api_0_3_extractor_plugin_extracts_from_its_source()
    {
        var plugin = Load("seed_extractor");
        Assert.Equal(PluginCapabilities.Extraction, plugin.Info.Capabilities);
        Assert.Equal(["seed"], plugin.Info.ExtractEventSources);
        using var instance = plugin.CreateInstance("");
        var values = new FieldValues();
        var requests = new[] { Request(plugin.Info, 0, "seedx.square"), Request(plugin.Info, 1, "seedx.word") };
        instance.Extractor!.Extract(Event(1, "n=7", 996), requests, values);
        Assert.Equal(49UL, values.GetNumber(0));
        Assert.Equal("odd", values.GetString(1));
        values.Reset();
        instance.Extractor.Extract(Event(2, "zzz", 996), requests, values);
        Assert.False(values.HasValue(0));
        Assert.False(values.HasValue(1));
    }
}
