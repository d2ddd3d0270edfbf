using System.Text;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Fields.Generic;

namespace Falco.Actors.Bench;

/// <summary>
/// BENCH STAND-IN for the CloudTrail and JSON plugins (which do not exist yet): registers <c>ct.*</c>/<c>s3.*</c>
/// string fields and <c>json.value[ptr]</c>, and serves them from values extracted before the run, one table per
/// event (looked up by <see cref="PluginEvent.Num"/>). No JSON is parsed, so the figures measure the engine only.
/// </summary>
internal sealed class PreExtractedCloudTrailFields
{
    public const string Source = "aws_cloudtrail";

    public static readonly string[] CtFields =
    [
        "ct.id", "ct.error", "ct.src", "ct.name", "ct.user", "ct.user.identitytype", "ct.user.principalid",
        "ct.user.arn", "ct.srcip", "ct.region", "ct.useragent", "ct.request.serialnumber", "ct.request.username",
        "ct.request.groupname", "ct.request.cluster", "ct.request.servicename", "ct.request.taskdefinition",
        "ct.request.functionname", "ct.request.availabilityzone", "ct.request.policy", "ct.request.name",
        "ct.request.host", "ct.response.subnetid", "ct.response.reservationid", "s3.bucket",
    ];

    private readonly List<byte[]?[]> _ct = [];
    private readonly List<Dictionary<string, byte[]>> _json = [];
    private readonly Dictionary<string, int> _fieldIds;

    public PreExtractedCloudTrailFields()
    {
        Registry = GenericEventFields.CreateRegistry(Source);
        Registry.Add(new FieldProvider("cloudtrail", [.. CtFields.Select(n => new FieldInfo(n, FieldType.String, n))]));
        Registry.Add(new FieldProvider("json",
            [new FieldInfo("json.value", FieldType.String, "JSON pointer lookup") { Arg = new FieldArgSpec(true, false, true) }]));
        _fieldIds = CtFields.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i);
    }

    public FieldRegistry Registry { get; }

    public int EventCount => _ct.Count;

    /// <summary>Adds an event's values (<c>ct.name</c>…, <c>json.value[/a/b]</c>) and returns the event.</summary>
    public PluginEvent Add(IReadOnlyDictionary<string, string> fields)
    {
        var ct = new byte[]?[CtFields.Length];
        var json = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            if (name.StartsWith("json.value[", StringComparison.Ordinal))
            {
                json[name["json.value[".Length..^1]] = Encoding.UTF8.GetBytes(value);
            }
            else
            {
                ct[_fieldIds[name]] = Encoding.UTF8.GetBytes(value);
            }
        }
        _ct.Add(ct);
        _json.Add(json);
        var num = (ulong)_ct.Count;
        return new PluginEvent(num, 1_700_000_000_000_000_000UL + num * 1_000_000UL, 2, ReadOnlyMemory<byte>.Empty);
    }

    public IReadOnlyList<IFieldExtractor> Extractors() =>
    [
        new GenericEventExtractor(Source, "cloudtrail", "bench-host", e => $"event {e.Num}"),
        new CtExtractor(this),
        new JsonExtractor(this),
    ];

    private sealed class CtExtractor(PreExtractedCloudTrailFields owner) : IFieldExtractor
    {
        public void Extract(in PluginEvent evt, ReadOnlySpan<FieldRequest> requests, FieldValues values)
        {
            var row = owner._ct[(int)(evt.Num - 1)];
            foreach (var r in requests)
            {
                if (row[r.FieldId] is { } value)
                {
                    values.AddBytes(r.Slot, value);
                }
            }
        }
    }

    private sealed class JsonExtractor(PreExtractedCloudTrailFields owner) : IFieldExtractor
    {
        public void Extract(in PluginEvent evt, ReadOnlySpan<FieldRequest> requests, FieldValues values)
        {
            var row = owner._json[(int)(evt.Num - 1)];
            foreach (var r in requests)
            {
                if (r.Arg.Key is { } pointer && row.TryGetValue(pointer, out var value))
                {
                    values.AddBytes(r.Slot, value);
                }
            }
        }
    }
}
