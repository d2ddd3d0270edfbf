namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// One entry of <c>append_output</c>: for rules matching <see cref="Source"/>, <see cref="Rule"/> and any of
/// <see cref="Tags"/> (null or empty = any), append <see cref="ExtraOutput"/> to the output and
/// <see cref="ExtraFields"/> to <c>output_fields</c>; <see cref="SuggestedOutput"/> appends the plugins'
/// suggested fields.
/// </summary>
public sealed record AppendOutputConfig(
    string? Source,
    string? Rule,
    IReadOnlyList<string> Tags,
    string ExtraOutput,
    IReadOnlyList<ExtraField> ExtraFields,
    bool SuggestedOutput)
{
    /// <summary>Where the entry is written (compile errors of its formats name it); null when built in code.</summary>
    public ConfigLocation? Location { get; init; }
}

/// <summary>An <c>extra_fields</c> item: a field name (<c>- ct.region</c>, no template) or <c>- name: template</c>.</summary>
public sealed record ExtraField(string Name, string? Template);
