using Falco.Actors.Plugins.Native;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Events;
using Falco.Actors.Rules.Fields;
using static Falco.Actors.Plugins.Tests.Native.TestPlugins;

namespace Falco.Actors.Plugins.Tests.Native;

/// <summary>The API 3.x source + extraction plugin "counter" (tests/native-plugins/counter3.c).</summary>
public sealed class CounterPluginTests
{
    private const ulong BaseTs = 1700000000000000000UL;

    [Fact]
    public void Load_reads_identity_capabilities_and_schema()
    {
        var info = Load("counter").Info;
        Assert.Equal("counter", info.Name);
        Assert.Equal("1.2.3", info.Version);
        Assert.Equal("3.12.0", info.RequiredApiVersion);
        Assert.Equal("tests@falco-actors", info.Contact);
        Assert.Equal(PathOf("counter"), info.Location);
        Assert.Equal(PluginCapabilities.Sourcing | PluginCapabilities.Extraction, info.Capabilities);
        Assert.Equal(999u, info.Id);
        Assert.Equal("counter", info.EventSource);
        Assert.Empty(info.ExtractEventSources);
        Assert.Contains("\"batch\"", info.InitSchema);
    }

    [Fact]
    public void Fields_json_is_parsed_with_types_lists_args_and_properties()
    {
        var fields = Load("counter").Info.Fields.ToDictionary(f => f.Name);
        Assert.Equal(18, fields.Count);
        var n = fields["counter.n"];
        Assert.Equal(FieldType.UInt64, n.Type);
        Assert.False(n.IsList);
        Assert.Equal(FieldArgSpec.None, n.Arg);
        Assert.Equal("", n.Display);
        Assert.Equal(FieldProperties.None, n.Properties);
        Assert.Equal("The counter", n.Description);
        Assert.Equal(FieldType.String, fields["counter.text"].Type);
        Assert.Equal("Text", fields["counter.text"].Display);
        Assert.Equal(FieldProperties.Info, fields["counter.text"].Properties);
        Assert.Equal(FieldType.Bool, fields["counter.even"].Type);
        Assert.Equal(FieldType.RelTime, fields["counter.elapsed"].Type);
        Assert.Equal(FieldType.AbsTime, fields["counter.time"].Type);
        Assert.Equal(FieldType.IpAddr, fields["counter.ip"].Type);
        Assert.Equal(FieldType.IpNet, fields["counter.net"].Type);
        Assert.True(fields["counter.divisors"].IsList);
        Assert.True(fields["counter.digits"].IsList);
        Assert.True(fields["counter.flags"].IsList);
        Assert.True(fields["counter.ips"].IsList);
        Assert.Equal(new FieldArgSpec(false, true, false), fields["counter.digit"].Arg);
        Assert.Equal(new FieldArgSpec(true, false, true), fields["counter.tag"].Arg);
        Assert.Equal(FieldProperties.Hidden | FieldProperties.Conversation | FieldProperties.AddOutput,
            fields["counter.double"].Properties);
    }

    [Theory]
    [InlineData(1, 7)]
    [InlineData(10, 100)]
    [InlineData(64, 130)]
    public void Streams_every_event_to_eof_in_batches_numbered_in_order(int batchSize, int count)
    {
        using var instance = Load("counter").CreateInstance($$"""{"batch": {{batchSize}}, "count": {{count}}}""");
        using var session = instance.Open("");
        var statuses = new List<BatchStatus>();
        var events = ReadAll(session, statuses);
        Assert.Equal(count, events.Count);
        for (var k = 1; k <= count; k++)
        {
            Assert.Equal(((ulong)k, BaseTs + (ulong)k, 999u, $"n={k}"), events[k - 1]);
        }
        Assert.Equal((count + batchSize - 1) / batchSize, statuses.Count);
        Assert.Equal(BatchStatus.Eof, statuses[^1]);
        Assert.Equal(BatchStatus.Eof, session.NextBatch(new EventBatch()));
    }

    [Fact]
    public void Progress_reports_the_plugins_percentage_and_text()
    {
        using var instance = Load("counter").CreateInstance("""{"batch": 5, "count": 20}""");
        using var session = instance.Open("");
        Assert.Equal(new PluginProgress(0, "0/20"), session.Progress);
        session.NextBatch(new EventBatch());
        Assert.Equal(new PluginProgress(25, "5/20"), session.Progress);
    }

    [Fact]
    public void Timestamps_of_minus_one_are_stamped_now_and_a_zero_plugin_id_becomes_the_plugins_own()
    {
        using var instance = Load("counter").CreateInstance("""{"count": 3, "ts_now": true, "zero_id": true}""");
        using var session = instance.Open("");
        var before = (ulong)(DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
        var events = ReadAll(session);
        var after = (ulong)(DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.InRange(e.Ts, before, after));
        Assert.All(events, e => Assert.Equal(999u, e.Id));
    }

    [Fact]
    public void Open_params_event_to_string_and_empty_config()
    {
        using var instance = Load("counter").CreateInstance("");
        Assert.Equal(
            [new OpenParam("all", "every event", ""), new OpenParam("a;b", "two", ";")],
            instance.ListOpenParams());
        Assert.Equal("counter event n=42 (#7)", instance.EventToString(Event(7, "n=42")));
        Assert.Equal("counter event hello (#1)", instance.EventToString(Event(1, "hello")));
        // Empty config reaches the plugin as {}: it then uses its defaults (100 events).
        using var session = instance.Open("all");
        Assert.Equal(100, ReadAll(session).Count);
    }

    [Fact]
    public void Logs_reach_the_logger_with_the_plugin_name_and_destroy_is_called()
    {
        var (logger, lines) = Logger();
        var instance = Load("counter", logger).CreateInstance("""{"count": 1}""");
        Assert.Contains((PluginLogSeverity.Info, "counter", """init config={"count": 1} owner_error=none"""), lines);
        instance.Dispose();
        Assert.Contains((PluginLogSeverity.Info, "counter-destroy", "destroyed"), lines);
    }

    [Fact]
    public void Invalid_json_config_is_refused_before_init_when_the_plugin_has_a_json_schema()
    {
        var e = Assert.Throws<PluginException>(() => Load("counter").CreateInstance("{not json"));
        Assert.Contains("init config is not valid JSON", e.Message);
        Assert.Contains(PathOf("counter"), e.Message);
    }

    [Fact]
    public void Every_field_type_is_extracted_in_one_call_with_the_values_the_test_computes()
    {
        var plugin = Load("counter");
        using var instance = plugin.CreateInstance("""{"batch": 50, "count": 300}""");
        using var session = instance.Open("");
        var info = plugin.Info;
        var requests = new[]
        {
            Request(info, 0, "counter.n"),
            Request(info, 1, "counter.text"),
            Request(info, 2, "counter.even"),
            Request(info, 3, "counter.elapsed"),
            Request(info, 4, "counter.time"),
            Request(info, 5, "counter.ip"),
            Request(info, 6, "counter.net"),
            Request(info, 7, "counter.divisors"),
            Request(info, 8, "counter.digits"),
            Request(info, 9, "counter.digit"),
            Request(info, 10, "counter.digit", FieldArgument.OfIndex(1, "1")),
            Request(info, 11, "counter.tag", FieldArgument.OfKey("color")),
            Request(info, 12, "counter.flags"),
            Request(info, 13, "counter.double"),
            Request(info, 14, "counter.evtnum"),
            Request(info, 15, "counter.ips"),
            Request(info, 16, "counter.digit", FieldArgument.OfIndex(5, "5")),
            Request(info, 17, "counter.source"),
        };
        var values = new FieldValues();
        var batch = new EventBatch();
        var seen = 0;
        while (true)
        {
            batch.Clear();
            var status = session.NextBatch(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                var evt = batch[i];
                var k = ulong.Parse(System.Text.Encoding.ASCII.GetString(evt.Payload.Span)[2..]);
                values.Reset();
                instance.Extractor!.Extract(evt, requests, values);
                AssertValues(values, k, evt.Num);
                seen++;
            }
            if (status == BatchStatus.Eof)
            {
                break;
            }
        }
        Assert.Equal(300, seen);
    }

    private static void AssertValues(FieldValues v, ulong k, ulong num)
    {
        var digits = k.ToString();
        Assert.Equal(k, v.GetNumber(0));
        Assert.Equal($"event-{k}", v.GetString(1));
        Assert.Equal(k % 2 == 0, v.GetBool(2));
        Assert.Equal(k * 1_000_000, v.GetNumber(3));
        Assert.Equal(BaseTs + k, v.GetNumber(4));
        byte[] ip = k % 2 == 0
            ? [10, 0, (byte)(k >> 8), (byte)k]
            : [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte)(k >> 8), (byte)k];
        Assert.Equal(ip, v.GetBytes(5).ToArray());
        Assert.Equal(new byte[] { 192, 168, (byte)k, 0, 24 }, v.GetBytes(6).ToArray());
        var divisors = Enumerable.Range(1, (int)k).Where(d => k % (ulong)d == 0).Select(d => (ulong)d).ToArray();
        Assert.Equal(divisors, Enumerable.Range(0, v.Count(7)).Select(i => v.GetNumber(7, i)).ToArray());
        Assert.Equal(digits.Select(c => c.ToString()).ToArray(), Enumerable.Range(0, v.Count(8)).Select(i => v.GetString(8, i)).ToArray());
        Assert.Equal((ulong)(digits[0] - '0'), v.GetNumber(9));
        if (digits.Length > 1)
        {
            Assert.Equal((ulong)(digits[1] - '0'), v.GetNumber(10));
        }
        else
        {
            Assert.True(v.IsExtracted(10));
            Assert.False(v.HasValue(10));
        }
        Assert.Equal($"color={k}", v.GetString(11));
        Assert.Equal(new[] { k % 2 == 0, k % 3 == 0, k % 5 == 0 }, Enumerable.Range(0, v.Count(12)).Select(i => v.GetBool(12, i)).ToArray());
        Assert.Equal(2 * k, v.GetNumber(13));
        Assert.Equal(num, v.GetNumber(14));
        Assert.Equal(2, v.Count(15));
        Assert.Equal(new byte[] { 10, 0, 0, (byte)k }, v.GetBytes(15, 0).ToArray());
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, v.GetBytes(15, 1).ToArray());
        Assert.True(v.IsExtracted(16));
        Assert.False(v.HasValue(16));
        Assert.Equal("counter", v.GetString(17));
    }

    [Fact]
    public void Disposing_the_instance_closes_its_open_session_first()
    {
        var instance = Load("counter").CreateInstance("");
        var session = instance.Open("");
        Assert.Equal(BatchStatus.Success, session.NextBatch(new EventBatch()));
        var again = Assert.Throws<PluginException>(() => instance.Open(""));
        Assert.Contains("a stream is already open on this state", again.Message);
        instance.Dispose();
        Assert.Throws<ObjectDisposedException>(() => session.NextBatch(new EventBatch()));
        Assert.Throws<ObjectDisposedException>(() => instance.Open(""));
    }

    [Fact]
    public void A_payload_the_plugin_does_not_understand_has_no_values()
    {
        var plugin = Load("counter");
        using var instance = plugin.CreateInstance("");
        var values = new FieldValues();
        instance.Extractor!.Extract(Event(1, "garbage"), [Request(plugin.Info, 0, "counter.n"), Request(plugin.Info, 1, "counter.text")], values);
        Assert.True(values.IsExtracted(0));
        Assert.False(values.HasValue(0));
        Assert.False(values.HasValue(1));
    }
}
