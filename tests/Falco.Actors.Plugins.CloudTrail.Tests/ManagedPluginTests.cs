using System.Text;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.CloudTrail.Fields;
using Falco.Actors.Plugins.Events;
using Falco.Actors.Plugins.Json;
using Falco.Actors.Plugins.Managed;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.CloudTrail.Tests;

public sealed class ManagedPluginTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ct-managed-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_plugins_describe_themselves_as_Falco_s_do()
    {
        var ct = new ManagedPlugin(new CloudTrailPlugin()).Info;
        Assert.Equal(("cloudtrail", 2u, "aws_cloudtrail"), (ct.Name, ct.Id, ct.EventSource));
        Assert.True(ct.Has(PluginCapabilities.Sourcing | PluginCapabilities.Extraction));
        Assert.Equal("reads cloudtrail JSON data saved to file in the directory specified in the settings", ct.Description);
        Assert.Equal(73, ct.Fields.Count);
        Assert.NotNull(ct.InitSchema);

        var json = new ManagedPlugin(new JsonPlugin()).Info;
        Assert.Equal("json", json.Name);
        Assert.Equal(PluginCapabilities.Extraction, json.Capabilities);
        Assert.Empty(json.ExtractEventSources);
        Assert.Equal(["json.value", "json.obj", "json.rawtime", "jevt.value", "jevt.obj", "jevt.rawtime"], json.Fields.Select(f => f.Name));
    }

    [Fact]
    public void A_directory_streams_to_EOF_through_the_host_contract_and_both_plugins_extract()
    {
        File.WriteAllText(Path.Combine(_dir, "log.json"), TestSupport.StratusLog("aws.execution.ec2-launch-unusual-instances.json"));
        using var ct = new ManagedPlugin(new CloudTrailPlugin()).CreateInstance("{\"s3DownloadConcurrency\": 2}");
        using var json = new ManagedPlugin(new JsonPlugin()).CreateInstance("");
        using var session = ct.Open(_dir);
        var batch = new EventBatch();

        var status = session.NextBatch(batch);

        Assert.Equal(BatchStatus.Eof, status);
        Assert.Equal(3, batch.Count);
        Assert.Equal("100.00% - 1/1 files", session.Progress?.Text);
        var evt = batch[0];
        Assert.Equal(2u, evt.PluginId);
        Assert.StartsWith("ca-south-3r stratus-red-team-ec2lui-role-", ct.EventToString(evt));

        var values = new FieldValues();
        var name = CloudTrailFields.Table.IdOf("ct.name");
        ct.Extractor!.Extract(evt, [new FieldRequest(0, name, FieldType.String, false, FieldArgument.Absent)], values);
        json.Extractor!.Extract(evt, [new FieldRequest(1, JsonPluginFields.Table.IdOf("json.value"), FieldType.String, false, FieldArgument.OfKey("/eventName"))], values);
        Assert.Equal("RunInstances", values.GetString(0));
        Assert.Equal("RunInstances", values.GetString(1));
        Assert.Equal(Encoding.UTF8.GetString(evt.Payload.Span), TestSupport.StratusRecords("aws.execution.ec2-launch-unusual-instances.json")[0]);
    }

    [Fact]
    public void Both_load_by_name_from_their_assemblies_as_falco_yaml_names_them()
    {
        var ct = ManagedPluginLoader.Load(typeof(CloudTrailPlugin).Assembly.Location, "cloudtrail");
        var json = ManagedPluginLoader.Load(typeof(JsonPlugin).Assembly.Location, "json");
        Assert.Equal((2u, "aws_cloudtrail"), (ct.Info.Id, ct.Info.EventSource));
        Assert.Equal("json", json.Info.Name);
    }

    [Fact]
    public void Bad_init_config_and_open_params_are_plugin_errors()
    {
        var plugin = new ManagedPlugin(new CloudTrailPlugin());
        var init = Assert.Throws<PluginException>(() => plugin.CreateInstance("{\"s3AccountList\": \"nope\"}"));
        Assert.Contains("cloudtrail invalid account list", init.Message);
        using var instance = plugin.CreateInstance("");
        var open = Assert.ThrowsAny<Exception>(() => instance.Open(Path.Combine(_dir, "missing")));
        Assert.Contains("cloudtrail plugin error: cannot open", open.Message);
    }
}
