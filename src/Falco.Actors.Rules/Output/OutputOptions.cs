namespace Falco.Actors.Rules.Output;

/// <summary>
/// The falco.yaml keys that shape alerts (defaults as Falco's): <c>json_output</c>,
/// <c>json_include_output_property</c>, <c>json_include_tags_property</c>, <c>json_include_message_property</c>,
/// <c>json_include_output_fields_property</c>, <c>time_format_iso_8601</c>, and the host name alerts carry.
/// </summary>
public sealed record OutputOptions
{
    public bool JsonOutput { get; init; }
    public bool JsonIncludeOutputProperty { get; init; } = true;
    public bool JsonIncludeTagsProperty { get; init; } = true;
    public bool JsonIncludeMessageProperty { get; init; }
    public bool JsonIncludeOutputFieldsProperty { get; init; } = true;
    public bool TimeFormatIso8601 { get; init; }

    /// <summary>libsinsp's <c>resolve_transformed_fields</c> (off in libs): transformer values in <c>output_fields</c>.</summary>
    public bool IncludeTransformedFields { get; init; }

    public string Hostname { get; init; } = Environment.MachineName;
}
