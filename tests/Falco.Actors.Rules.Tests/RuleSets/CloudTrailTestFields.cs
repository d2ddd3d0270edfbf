using System.Text;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Fields.Generic;
using Falco.Actors.Rules.Filter.Compilation;
using Falco.Actors.Rules.Filter.Evaluation;

namespace Falco.Actors.Rules.Tests.RuleSets;

/// <summary>
/// A stand-in for the CloudTrail and JSON plugins in tests: each event (by <see cref="PluginEvent.Num"/>) is a
/// table of field values keyed by canonical field text (<c>ct.name</c>, <c>json.value[/a/b]</c>); a missing key
/// is a missing value. Counts extraction calls.
/// </summary>
public sealed class CloudTrailTestFields
{
    public const string Source = "aws_cloudtrail";

    public static readonly string[] CtFields =
    [
        "ct.name", "ct.src", "ct.error", "ct.user", "ct.srcip", "ct.region", "ct.user.identitytype",
        "ct.request.username", "ct.user.principalid", "ct.user.arn", "ct.request.groupname", "ct.request.cluster",
        "ct.request.servicename", "ct.request.taskdefinition", "ct.request.functionname",
        "ct.request.availabilityzone", "ct.response.subnetid", "ct.response.reservationid", "s3.bucket",
        "ct.request.policy", "ct.request.name", "ct.request.host", "ct.request.serialnumber", "ct.id",
    ];

    private readonly Dictionary<ulong, Dictionary<string, byte[]>> _events = [];

    public CloudTrailTestFields()
    {
        Registry = GenericEventFields.CreateRegistry(Source);
        Registry.Add(new FieldProvider("cloudtrail",
            [.. CtFields.Select(n => new FieldInfo(n, FieldType.String, n))]));
        Registry.Add(new FieldProvider("json",
        [
            new FieldInfo("json.value", FieldType.String, "json pointer") { Arg = new FieldArgSpec(true, false, true) },
        ]));
        Compiler = new FilterCompiler(Registry);
        CloudTrail = new TableExtractor(this, "ct.");
        Json = new TableExtractor(this, "json.");
    }

    public FieldRegistry Registry { get; }

    public FilterCompiler Compiler { get; }

    public TableExtractor CloudTrail { get; }

    public TableExtractor Json { get; }

    /// <summary>Adds an event and returns it (timestamp 2021-10-15T12:34:56.000000789Z + num seconds).</summary>
    public PluginEvent AddEvent(ulong num, IReadOnlyDictionary<string, string> fields)
    {
        _events[num] = fields.ToDictionary(f => f.Key, f => Encoding.UTF8.GetBytes(f.Value));
        return new PluginEvent(num, 1634301296_000000789UL + (num - 1) * 1_000_000_000UL, 2, ReadOnlyMemory<byte>.Empty);
    }

    /// <summary>Adds an event whose values are raw bytes (for invalid UTF-8).</summary>
    public PluginEvent AddRawEvent(ulong num, Dictionary<string, byte[]> fields)
    {
        _events[num] = fields;
        return new PluginEvent(num, 1634301296_000000789UL + (num - 1) * 1_000_000_000UL, 2, ReadOnlyMemory<byte>.Empty);
    }

    public EvalContext CreateContext(TimeZoneInfo? zone = null) => Compiler.CreateContext(
    [
        new GenericEventExtractor(Source, "cloudtrail", "host", e => $"info {e.Num}", zone ?? TimeZoneInfo.Utc),
        CloudTrail,
        Json,
    ]);

    // Allocation-free once every (field, argument) key has been seen.
    public sealed class TableExtractor(CloudTrailTestFields owner, string prefix) : IFieldExtractor
    {
        private readonly Dictionary<(int, string?), string> _keys = [];

        public int Calls { get; private set; }

        public void Extract(in PluginEvent evt, ReadOnlySpan<FieldRequest> requests, FieldValues values)
        {
            Calls++;
            var table = owner._events[evt.Num];
            foreach (var r in requests)
            {
                if (!_keys.TryGetValue((r.FieldId, r.Arg.Text), out var key))
                {
                    var info = owner.Registry.Providers[prefix == "ct." ? 1 : 2].Fields[r.FieldId];
                    key = _keys[(r.FieldId, r.Arg.Text)] = r.Arg.IsPresent ? $"{info.Name}[{r.Arg.Text}]" : info.Name;
                }
                if (table.TryGetValue(key, out var value))
                {
                    values.AddBytes(r.Slot, value);
                }
            }
        }
    }
}
