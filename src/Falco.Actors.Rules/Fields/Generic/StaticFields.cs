using System.Text;
using Falco.Actors.Rules.Events;

namespace Falco.Actors.Rules.Fields.Generic;

/// <summary>
/// falco.yaml's <c>static_fields</c> as Falco 0.44 (libs' <c>sinsp_filter_check_static</c>) offers them to every
/// source: one string field <c>static.&lt;name&gt;</c> per entry, in name order, each with the configured value and
/// flagged as suggested for outputs (so <c>append_output: [{suggested_output: true}]</c> appends
/// <c>static_&lt;name&gt;=%static.&lt;name&gt;</c>). The values never change, so one extractor serves every owner.
/// </summary>
public sealed class StaticFields : IFieldExtractor
{
    public const string ProviderName = "static";

    private const string Prefix = "static.";

    // Constant: encoded to UTF-8 once here, copied per extraction.
    private readonly byte[][] _values;

    public StaticFields(IReadOnlyDictionary<string, string> values)
    {
        var ordered = values.OrderBy(v => v.Key, StringComparer.Ordinal).ToArray();
        _values = [.. ordered.Select(v => Encoding.UTF8.GetBytes(v.Value))];
        Provider = new FieldProvider(ProviderName,
        [
            .. ordered.Select(v => new FieldInfo(Prefix + v.Key, FieldType.String, "")
            {
                Properties = FieldProperties.AddOutput,
            }),
        ]);
    }

    /// <summary>The fields, as a registry's provider.</summary>
    public FieldProvider Provider { get; }

    public void Extract(in PluginEvent evt, ReadOnlySpan<FieldRequest> requests, FieldValues values)
    {
        foreach (var r in requests)
        {
            values.AddBytes(r.Slot, _values[r.FieldId]);
        }
    }
}
