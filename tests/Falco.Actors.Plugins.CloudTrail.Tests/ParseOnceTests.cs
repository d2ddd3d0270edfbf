using System.Text;
using Falco.Actors.Json.Extraction;
using Falco.Actors.Plugins.CloudTrail.Fields;
using Falco.Actors.Plugins.Json;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.CloudTrail.Tests;

public sealed class ParseOnceTests
{
    private static FieldRequest Ct(int slot, string name)
    {
        var id = CloudTrailFields.Table.IdOf(name);
        return new(slot, id, CloudTrailFields.All[id].Type, false, FieldArgument.Absent);
    }

    private static FieldRequest Json(int slot, string name, string? pointer = null) =>
        new(slot, JsonPluginFields.Table.IdOf(name), FieldType.String, false, pointer is null ? FieldArgument.Absent : FieldArgument.OfKey(pointer));

    [Fact]
    public void Both_extractors_of_one_owner_parse_each_record_once_however_many_fields_and_calls()
    {
        var cache = new RecordCache();
        var ct = new CloudTrailExtractor(cache);
        var json = new JsonExtractor(cache);
        var records = TestSupport.StratusRecords("aws.execution.ec2-launch-unusual-instances.json");
        var values = new FieldValues();
        FieldRequest[] ctRequests = [Ct(0, "ct.name"), Ct(1, "ct.user"), Ct(2, "ct.info"), Ct(3, "s3.bytes"), Ct(4, "ct.request")];
        FieldRequest[] jsonRequests = [Json(5, "json.value", "/eventName"), Json(6, "json.value", "/userIdentity/type")];

        for (var i = 0; i < records.Count; i++)
        {
            var evt = new PluginEvent((ulong)(100 + i), 1, 2, Encoding.UTF8.GetBytes(records[i]));
            values.Reset();
            ct.Extract(evt, ctRequests[..2], values);
            ct.Extract(evt, ctRequests[2..], values);
            json.Extract(evt, jsonRequests, values);
            Assert.Equal(values.GetString(0), values.GetString(5));
        }

        Assert.Equal(records.Count, cache.ParseCount);
    }

    [Fact]
    public void Fields_that_need_no_parse_do_not_parse()
    {
        var cache = new RecordCache();
        var values = new FieldValues();
        new JsonExtractor(cache).Extract(new PluginEvent(1, 5, 2, "{}"u8.ToArray()),
            [Json(0, "json.rawtime")], values);
        Assert.Equal(0, cache.ParseCount);
    }

    [Fact]
    public void Extraction_allocates_nothing_in_steady_state()
    {
        var cache = new RecordCache();
        var ct = new CloudTrailExtractor(cache);
        var json = new JsonExtractor(cache);
        var payloads = TestSupport.StratusRecords("aws.execution.ec2-launch-unusual-instances.json")
            .Select(r => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(r)).ToArray();
        var requests = Enumerable.Range(0, CloudTrailFields.All.Count)
            .Select(i => new FieldRequest(i, i, CloudTrailFields.All[i].Type, CloudTrailFields.All[i].IsList, FieldArgument.Absent))
            .ToArray();
        FieldRequest[] jsonRequests = [Json(100, "json.value", "/eventName"), Json(101, "json.value", "/requestParameters"),
            Json(102, "json.obj")];
        var values = new FieldValues(128);
        ulong num = 0;
        void Run()
        {
            foreach (var p in payloads)
            {
                var evt = new PluginEvent(++num, 1, 2, p);
                values.Reset();
                ct.Extract(evt, requests, values);
                json.Extract(evt, jsonRequests, values);
            }
        }
        for (var i = 0; i < 20; i++)
        {
            Run();
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Run();
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
