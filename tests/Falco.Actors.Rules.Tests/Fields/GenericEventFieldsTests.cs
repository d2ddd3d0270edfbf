using System.Text;
using System.Text.Json;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Fields.Generic;
using Falco.Actors.Rules.Filter.Ast;
using Falco.Actors.Rules.Filter.Parsing;
using Falco.Actors.Rules.Tests.Filter.Evaluation;

namespace Falco.Actors.Rules.Tests.Fields;

/// <summary>The evt.* fields: types, extraction from plugin events, and how they print in text and JSON.</summary>
public sealed class GenericEventFieldsTests
{
    // 2023-11-14T22:13:20.123456789Z
    private const ulong Ts = 1_700_000_000_123_456_789;
    private static readonly PluginEvent Event = new(17, Ts, 2, "{}"u8.ToArray());

    [Fact]
    public void Registry_has_evt_fields_at_provider_zero()
    {
        var registry = GenericEventFields.CreateRegistry("aws_cloudtrail");
        Assert.Equal("aws_cloudtrail", registry.Source);
        Assert.Equal("evt", registry.Providers[0].Name);
        Assert.True(registry.TryGet("evt.rawtime", out var rawtime));
        Assert.Equal((0, FieldType.AbsTime), (rawtime.Provider, rawtime.Info.Type));
        Assert.Equal(FieldType.UInt64, Get(registry, "evt.num"));
        Assert.Equal(FieldType.String, Get(registry, "evt.time"));
        Assert.Equal(FieldType.RelTime, Get(registry, "evt.reltime.s"));
        Assert.Equal(FieldType.Bool, Get(registry, "evt.is_async"));
        Assert.Equal(18, registry.Providers[0].Fields.Count);
    }

    private static FieldType Get(FieldRegistry r, string name) => r.TryGet(name, out var f) ? f.Info.Type : throw new KeyNotFoundException(name);

    [Theory]
    [InlineData("evt.num", "17")]
    [InlineData("evt.time", "22:13:20.123456789")]
    [InlineData("evt.time.s", "22:13:20")]
    [InlineData("evt.time.iso8601", "2023-11-14T22:13:20.123456789+0000")]
    [InlineData("evt.datetime", "2023-11-14 22:13:20.123456789")]
    [InlineData("evt.datetime.s", "2023-11-14 22:13:20")]
    [InlineData("evt.rawtime", "1700000000123456789")]
    [InlineData("evt.rawtime.s", "1700000000")]
    [InlineData("evt.rawtime.ns", "123456789")]
    [InlineData("evt.reltime", "000000000")]
    [InlineData("evt.reltime.s", "0")]
    [InlineData("evt.reltime.ns", "000000000")]
    [InlineData("evt.pluginname", "testplugin")]
    [InlineData("evt.plugininfo", "info of 17")]
    [InlineData("evt.source", "aws_cloudtrail")]
    [InlineData("evt.is_async", "false")]
    [InlineData("evt.asynctype", null)]
    [InlineData("evt.hostname", "testhost")]
    public void Fields_print_like_libsinsp(string field, string? expected)
    {
        var h = new FilterHarness("aws_cloudtrail");
        Assert.Equal(expected, h.Format(field, Event));
    }

    [Fact]
    public void Relative_times_count_from_the_first_event()
    {
        var h = new FilterHarness();
        h.Format("evt.reltime", Event);
        var later = Event with { TimestampNs = Ts + 2_000_000_005 };
        Assert.Equal("2000000005", h.Format("evt.reltime", later));
        Assert.Equal("2", h.Format("evt.reltime.s", later));
        Assert.Equal("000000005", h.Format("evt.reltime.ns", later));
    }

    [Fact]
    public void Local_times_use_the_given_zone()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("plus2", TimeSpan.FromHours(2), "plus2", "plus2");
        var extractor = new GenericEventExtractor("src", null, null, null, zone);
        var values = new FieldValues();
        extractor.Extract(Event, [new FieldRequest(0, GenericEventFields.DateTime, FieldType.String, false, FieldArgument.Absent),
            new FieldRequest(1, GenericEventFields.PluginName, FieldType.String, false, FieldArgument.Absent)], values);
        Assert.Equal("2023-11-15 00:13:20.123456789", values.GetString(0));
        Assert.False(values.HasValue(1));
    }

    [Fact]
    public void Conditions_use_generic_fields()
    {
        var h = new FilterHarness("aws_cloudtrail");
        Assert.True(h.Eval("evt.source = aws_cloudtrail and evt.num = 17 and evt.rawtime > 0 and evt.is_async = false", Event));
        Assert.False(h.Eval("evt.asynctype exists", Event));
        Assert.True(h.Eval("evt.time.iso8601 startswith 2023-11-14T", Event));
    }

    [Theory]
    [InlineData("evt.num", "17")]
    [InlineData("evt.time", "1700000000123456789")]
    [InlineData("evt.time.iso8601", "1700000000123456789")]
    [InlineData("evt.datetime.s", "1700000000123456789")]
    [InlineData("evt.rawtime.ns", "123456789")]
    [InlineData("evt.source", "\"aws_cloudtrail\"")]
    [InlineData("evt.is_async", "false")]
    [InlineData("evt.asynctype", "null")]
    public void Json_values(string field, string expected)
    {
        var h = new FilterHarness("aws_cloudtrail");
        Assert.Equal(expected, Json(h, field, Event));
    }

    internal static string Json(FilterHarness h, string expression, PluginEvent evt)
    {
        var value = h.Compiler.CompileValue(((UnaryCheckExpr)FilterParser.Parse(expression + " exists")).Left);
        h.Context.Reset(evt);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            value.WriteJson(h.Context, w);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
