namespace Falco.Actors.Plugins.Managed;

/// <summary>
/// A plugin written in C#. A public, non-abstract type with a public parameterless constructor that implements this
/// interface is a plugin: falco.yaml names it by a <c>library_path</c> ending in <c>.dll</c> and by the
/// <c>name</c> the type reports. Implement <see cref="IManagedSourcePlugin"/> to produce events and/or
/// <see cref="IManagedExtractorPlugin"/> to export fields (the same capabilities as a native plugin).
/// The members below are the plugin's static description (get_name, get_version, …): they are read once, at load,
/// from any thread, and must not depend on a state.
/// </summary>
public interface IManagedPlugin
{
    /// <summary>The plugin name (registry rule <c>^[a-z]+[a-z0-9-_]*$</c>); falco.yaml's <c>name</c> must equal it.</summary>
    string Name { get; }

    /// <summary>The plugin's own semantic version (x.y.z).</summary>
    string Version { get; }

    string Description => "";

    string Contact => "";

    /// <summary>The JSON schema of the init config (checked before <see cref="Init"/>), or null for an opaque config.</summary>
    string? InitSchema => null;

    /// <summary>
    /// Creates a new plugin state from the init config (JSON text; an empty config is given as <c>{}</c> when the
    /// plugin has a schema). Each call gives a state for a different owner. Throw to refuse the config: the message
    /// is reported with the plugin's name.
    /// </summary>
    IManagedPluginState Init(string initConfig);
}

/// <summary>The sourcing capability: the plugin's event id and the source its events belong to.</summary>
public interface IManagedSourcePlugin : IManagedPlugin
{
    /// <summary>The plugin id written in every event (non-zero; see the plugin registry, 999 is for tests).</summary>
    uint Id { get; }

    /// <summary>The event source (rule <c>^[a-z]+[a-z0-9_]*$</c>; not <c>syscall</c>, <c>internal</c> or <c>plugins</c>).</summary>
    string EventSource { get; }
}

/// <summary>The extraction capability: the fields the plugin exports and the sources it extracts from.</summary>
public interface IManagedExtractorPlugin : IManagedPlugin
{
    /// <summary>Exported fields (at least one); a field's position in this list is its field id.</summary>
    IReadOnlyList<Rules.Fields.FieldInfo> Fields { get; }

    /// <summary>
    /// Sources it extracts from (get_extract_event_sources). Empty: every source for an extraction-only plugin, its
    /// own source for a source plugin.
    /// </summary>
    IReadOnlyList<string> ExtractEventSources => [];
}
