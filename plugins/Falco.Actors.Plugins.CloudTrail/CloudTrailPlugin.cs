using Falco.Actors.Json.Extraction;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.CloudTrail.Config;
using Falco.Actors.Plugins.CloudTrail.Fields;
using Falco.Actors.Plugins.CloudTrail.Reading;
using Falco.Actors.Plugins.CloudTrail.Sources;
using Falco.Actors.Plugins.Managed;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.CloudTrail;

/// <summary>
/// The cloudtrail plugin as a managed plugin: source <c>aws_cloudtrail</c> (id 2) reading CloudTrail logs from a
/// local path, <c>s3://bucket[/prefix]</c> or <c>sqs://queue</c>, and extraction of its own fields.
/// </summary>
public sealed class CloudTrailPlugin : IManagedSourcePlugin, IManagedExtractorPlugin
{
    public string Name => CloudTrailPluginIdentity.Name;

    public string Version => CloudTrailPluginIdentity.Version;

    public string Description => CloudTrailPluginIdentity.Description;

    public string Contact => CloudTrailPluginIdentity.Contact;

    public string? InitSchema => CloudTrailInitSchema.Text;

    public uint Id => CloudTrailPluginIdentity.Id;

    public string EventSource => CloudTrailPluginIdentity.EventSource;

    public IReadOnlyList<FieldInfo> Fields => CloudTrailFields.All;

    public IManagedPluginState Init(string initConfig) => new CloudTrailPluginState(CloudTrailConfig.Parse(initConfig));
}

/// <summary>
/// One owner's cloudtrail state: its config, its extractor, the streams it opens, and its metrics: the records and
/// files its streams skipped, by kind (<see cref="ProblemKinds.MetricName"/>).
/// </summary>
public sealed class CloudTrailPluginState(CloudTrailConfig config) : IManagedSourceState, IManagedExtractorState, IManagedMetricsState
{
    private readonly CloudTrailExtractor _extractor = new();
    private readonly SkipCounts _skipped = new();

    public CloudTrailConfig Config => config;

    /// <summary>Receives skipped malformed files and records of streams opened later; null = stderr.</summary>
    public Action<RecordProblem>? ProblemSink { get; set; }

    public IManagedEventStream Open(string parameters) =>
        new CloudTrailEventStream(new CloudTrailEventReader(CloudTrailOpenParams.Open(parameters, config), ProblemSink, config.MaxRecordSize, _skipped));

    public IReadOnlyList<PluginMetric> GetMetrics() => _skipped.ToMetrics();

    public string EventToString(in PluginEvent evt) => CloudTrailInfo.EventText(RecordCache.Shared.Get(evt));

    public void Extract(in PluginEvent evt, ReadOnlySpan<FieldRequest> requests, FieldValues values) =>
        _extractor.Extract(evt, requests, values);

    public void Dispose()
    {
    }
}
