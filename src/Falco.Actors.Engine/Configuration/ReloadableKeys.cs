namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// The falco.yaml keys a reload (SIGHUP, <c>watch_config_files</c>) applies to a running engine: the rules files and
/// what feeds rule compilation and alert rendering. A change of any other key (plugins, outputs, webserver,
/// engine_actors, and static_fields, whose <c>static.*</c> fields are part of each source's fields, built with the
/// plugins at start) applies at the next start; <see cref="NeedingRestart"/> names them so the reload can say so.
/// </summary>
public static class ReloadableKeys
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "rules_files", "rules_file", "rules", "priority", "rule_matching", "append_output",
        "json_output", "json_include_output_property", "json_include_tags_property", "json_include_message_property",
        "json_include_output_fields_property", "time_format_iso_8601",
    };

    /// <summary>The keys set, removed or changed from <paramref name="running"/> to <paramref name="loaded"/> that a reload cannot apply, sorted.</summary>
    public static IReadOnlyList<string> NeedingRestart(FalcoConfiguration running, FalcoConfiguration loaded) =>
    [
        .. running.KeyTexts.Keys.Union(loaded.KeyTexts.Keys)
            .Where(key => !Names.Contains(key)
                          && running.KeyTexts.GetValueOrDefault(key) != loaded.KeyTexts.GetValueOrDefault(key))
            .Order(StringComparer.Ordinal),
    ];
}
