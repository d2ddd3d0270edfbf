using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Abstractions;

/// <summary>
/// Everything the host knows about a loaded plugin without creating a state: identity, capabilities, fields and
/// schemas. <see cref="Location"/> names the file (or the managed type) so every message can point at it.
/// </summary>
public sealed record PluginInfo
{
    public required string Name { get; init; }
    public required string Version { get; init; }
    public required string RequiredApiVersion { get; init; }
    public string Description { get; init; } = "";
    public string Contact { get; init; } = "";
    public required string Location { get; init; }
    public PluginCapabilities Capabilities { get; init; }

    /// <summary>The plugin's event id (sourcing only; 0 = none).</summary>
    public uint Id { get; init; }

    /// <summary>The event source it produces (sourcing only).</summary>
    public string? EventSource { get; init; }

    /// <summary>Fields it exports (extraction only), in get_fields order: a field's position is its field id.</summary>
    public IReadOnlyList<FieldInfo> Fields { get; init; } = [];

    /// <summary>
    /// Sources it extracts from, as get_extract_event_sources declares them. Empty means: every source for an
    /// extraction-only plugin, its own source for a source plugin (plugin-api §9.3).
    /// </summary>
    public IReadOnlyList<string> ExtractEventSources { get; init; } = [];

    /// <summary>The JSON schema of the init config, or null when the plugin publishes none.</summary>
    public string? InitSchema { get; init; }

    public bool Has(PluginCapabilities capability) => (Capabilities & capability) == capability;
}
