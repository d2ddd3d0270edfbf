using System.Text;
using Falco.Actors.Json.Extraction;
using Falco.Actors.Plugins.CloudTrail.Fields;
using Falco.Actors.Plugins.Json;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.CloudTrail.Tests;

public sealed class ParseOnceTests
{
    private static FieldRequest Ct(int slot, CloudTrailField f) =>
        new(slot, (int)f, CloudTrailFields.All[(int)f].Type, false, FieldArgument.Absent);

    private static FieldRequest JsonValue(int slot, string pointer) =>
        new(slot, JsonPluginFields.Value, FieldType.String, false, FieldArgument.OfKey(pointer));

    [Fact]
    public void Both_extractors_of_one_owner_parse_each_record_once_however_many_fields_and_calls()
    {
        var cache = new RecordCache();
        var ct = new CloudTrailExtractor(cache);
        var json = new JsonExtractor(cache);
        var records = TestSupport.StratusRecords("aws.execution.ec2-launch-unusual-instances.json");
        var values = new FieldValues();
        FieldRequest[] ctRequests = [Ct(0, CloudTrailField.Name), Ct(1, CloudTrailField.User), Ct(2, CloudTrailField.Info),
            Ct(3, CloudTrailField.S3Bytes), Ct(4, CloudTrailField.Request)];
        FieldRequest[] jsonRequests = [JsonValue(5, "/eventName"), JsonValue(6, "/userIdentity/type")];

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
            [new FieldRequest(0, JsonPluginFields.RawTime, FieldType.String, false, FieldArgument.Absent)], values);
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
        FieldRequest[] jsonRequests = [JsonValue(100, "/eventName"), JsonValue(101, "/requestParameters"),
            new(102, JsonPluginFields.Obj, FieldType.String, false, FieldArgument.Absent)];
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
