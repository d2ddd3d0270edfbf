using System.Text.RegularExpressions;
using Falco.Actors.Plugins.Abstractions;

namespace Falco.Actors.Plugins.Managed;

/// <summary>
/// A managed plugin behind the host's <see cref="IPlugin"/> contract, so it goes through the same registry and engine
/// paths as a native one. Its description is read and checked once, here, with the rules libsinsp applies to a
/// native plugin's get_* answers.
/// </summary>
public sealed partial class ManagedPlugin : IPlugin
{
    /// <summary>The plugin API version managed plugins are treated as (the newest the host speaks).</summary>
    public const string ApiVersion = "3.12.0";

    private readonly IManagedPlugin _plugin;

    /// <param name="plugin">The plugin object.</param>
    /// <param name="location">Where it came from (assembly file and type), used in every message.</param>
    public ManagedPlugin(IManagedPlugin plugin, string? location = null)
    {
        _plugin = plugin;
        Info = Describe(plugin, location ?? plugin.GetType().AssemblyQualifiedName ?? plugin.GetType().Name);
    }

    public PluginInfo Info { get; }

    /// <summary>The plugin object itself (its author's type).</summary>
    public IManagedPlugin Plugin => _plugin;

    public IPluginInstance CreateInstance(string initConfig)
    {
        if (string.IsNullOrWhiteSpace(initConfig) && Info.InitSchema is not null)
        {
            // libsinsp passes "{}" for an empty config when the plugin publishes a JSON schema.
            initConfig = "{}";
        }
        IManagedPluginState state;
        try
        {
            state = _plugin.Init(initConfig ?? "");
        }
        catch (Exception e) when (e is not PluginException)
        {
            throw new PluginException($"Plugin '{Info.Name}' ({Info.Location}): init failed: {e.Message}", e);
        }
        if (state is null)
        {
            throw new PluginException($"Plugin '{Info.Name}' ({Info.Location}): init returned no state");
        }
        if (Info.Has(PluginCapabilities.Sourcing) && state is not IManagedSourceState
            || Info.Has(PluginCapabilities.Extraction) && state is not IManagedExtractorState)
        {
            state.Dispose();
            throw new PluginException(
                $"Plugin '{Info.Name}' ({Info.Location}): init returned a {state.GetType().Name}, which does not implement "
                + (Info.Has(PluginCapabilities.Sourcing) && state is not IManagedSourceState
                    ? nameof(IManagedSourceState) : nameof(IManagedExtractorState))
                + " although the plugin declares that capability");
        }
        return new ManagedPluginInstance(Info, state);
    }

    private static PluginInfo Describe(IManagedPlugin plugin, string location)
    {
        var name = plugin.Name;
        string Where() => $"Plugin '{name}' ({location})";
        if (string.IsNullOrEmpty(name) || !PluginName().IsMatch(name))
        {
            throw new PluginException($"Plugin '{name}' ({location}): invalid name, expected ^[a-z]+[a-z0-9-_]*$");
        }
        if (!SemVer().IsMatch(plugin.Version ?? ""))
        {
            throw new PluginException($"{Where()}: version '{plugin.Version}' is not a valid x.y.z version");
        }
        var caps = PluginCapabilities.None;
        uint id = 0;
        string? source = null;
        if (plugin is IManagedSourcePlugin sourcing)
        {
            caps |= PluginCapabilities.Sourcing;
            id = sourcing.Id;
            source = sourcing.EventSource;
            if (id == 0)
            {
                throw new PluginException($"{Where()}: a managed source plugin needs a non-zero id");
            }
            if (string.IsNullOrEmpty(source) || !SourceName().IsMatch(source))
            {
                throw new PluginException($"{Where()}: invalid event source '{source}', expected ^[a-z]+[a-z0-9_]*$");
            }
        }
        IReadOnlyList<Rules.Fields.FieldInfo> fields = [];
        IReadOnlyList<string> extractSources = [];
        if (plugin is IManagedExtractorPlugin extractor)
        {
            caps |= PluginCapabilities.Extraction;
            fields = [.. extractor.Fields ?? []];
            if (fields.Count == 0)
            {
                throw new PluginException($"{Where()}: an extractor plugin must export at least one field");
            }
            foreach (var f in fields)
            {
                if (string.IsNullOrEmpty(f.Name) || string.IsNullOrEmpty(f.Description))
                {
                    throw new PluginException($"{Where()}: every field needs a name and a description ('{f.Name}')");
                }
                if (f.Arg.IsRequired && !f.Arg.IsAllowed)
                {
                    throw new PluginException(
                        $"{Where()}: field '{f.Name}' requires an argument but allows neither an index nor a key");
                }
            }
            extractSources = [.. (extractor.ExtractEventSources ?? []).Where(s => !string.IsNullOrEmpty(s)).Distinct()];
        }
        if (caps == PluginCapabilities.None)
        {
            throw new PluginException(
                $"{Where()}: no capability: implement {nameof(IManagedSourcePlugin)} and/or {nameof(IManagedExtractorPlugin)}");
        }
        var schema = plugin.InitSchema;
        return new PluginInfo
        {
            Name = name,
            Version = plugin.Version!,
            RequiredApiVersion = ApiVersion,
            Description = plugin.Description ?? "",
            Contact = plugin.Contact ?? "",
            Location = location,
            Capabilities = caps,
            Id = id,
            EventSource = source,
            Fields = fields,
            ExtractEventSources = extractSources,
            InitSchema = string.IsNullOrWhiteSpace(schema) ? null : schema,
        };
    }

    [GeneratedRegex("^[a-z]+[a-z0-9-_]*$")]
    private static partial Regex PluginName();

    [GeneratedRegex("^[a-z]+[a-z0-9_]*$")]
    private static partial Regex SourceName();

    [GeneratedRegex(@"^\d+\.\d+\.\d+")]
    private static partial Regex SemVer();
}
