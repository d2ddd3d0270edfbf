using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Managed;
using Falco.Actors.Plugins.Schema;
using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Fields.Generic;

namespace Falco.Actors.Plugins.Loading;

/// <summary>
/// The plugins falco.yaml asks for, loaded and checked together: which ones (<c>load_plugins</c>), from which files,
/// with which init configs, which event sources they give and the fields of each source. Every error names the
/// plugin, its file and what is wrong. Nothing here creates a plugin state except <see cref="SourceFields.CreateExtractors"/>
/// and <see cref="LoadedPlugin.CreateInstance"/>, which owners call for themselves.
/// </summary>
public sealed class PluginSet
{
    /// <summary>Source names no plugin may produce (plugin-api §9.1).</summary>
    public static readonly IReadOnlySet<string> ReservedSources = new HashSet<string>(StringComparer.Ordinal)
    {
        "syscall", "internal", "plugins",
    };

    private readonly Dictionary<string, SourceFields> _sources;
    private readonly Dictionary<uint, LoadedPlugin> _byId;

    private PluginSet(IReadOnlyList<LoadedPlugin> plugins, Dictionary<string, SourceFields> sources, List<string> order)
    {
        Plugins = plugins;
        _sources = sources;
        Sources = order;
        _byId = plugins.Where(p => p.IsSource).ToDictionary(p => p.Info.Id);
        SourcesById = _byId.ToDictionary(kv => kv.Key, kv => kv.Value.Info.EventSource!);
    }

    /// <summary>The loaded plugins in load order.</summary>
    public IReadOnlyList<LoadedPlugin> Plugins { get; }

    /// <summary>The event sources the source plugins give, in load order.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>The source of each source plugin id (to read capture files).</summary>
    public IReadOnlyDictionary<uint, string> SourcesById { get; }

    /// <summary>(name, version) of every loaded plugin, for <c>required_plugin_versions</c>.</summary>
    public IReadOnlyList<PluginVersion> Versions => [.. Plugins.Select(p => new PluginVersion(p.Name, p.Info.Version))];

    /// <summary>The fields of one source; throws when no loaded plugin produces it.</summary>
    public SourceFields FieldsOf(string source) =>
        _sources.TryGetValue(source, out var fields)
            ? fields
            : throw new PluginException($"No loaded plugin produces the event source '{source}' (loaded sources: {string.Join(", ", Sources)})");

    /// <summary>The source plugin with this event id, or null.</summary>
    public LoadedPlugin? SourcePluginById(uint id) => _byId.GetValueOrDefault(id);

    public LoadedPlugin? Find(string name) => Plugins.FirstOrDefault(p => p.Name == name);

    /// <summary>
    /// Loads the plugins: every entry in order when <paramref name="loadPlugins"/> is null (the key is absent),
    /// otherwise exactly the named ones in that order.
    /// </summary>
    public static PluginSet Load(IReadOnlyList<PluginConfigEntry> entries, IReadOnlyList<string>? loadPlugins,
        PluginLoadOptions? options = null)
    {
        options ??= new PluginLoadOptions();
        var plugins = new List<LoadedPlugin>();
        foreach (var entry in Select(entries, loadPlugins))
        {
            var plugin = LoadOne(entry, options);
            Admit(plugin, plugins);
            plugins.Add(plugin);
        }
        var order = plugins.Where(p => p.IsSource).Select(p => p.Info.EventSource!).Distinct().ToList();
        var staticFields = options.StaticFields.Count > 0 ? new StaticFields(options.StaticFields) : null;
        var sources = order.ToDictionary(s => s, s => BuildFields(s, plugins, staticFields), StringComparer.Ordinal);
        CheckAllUsed(plugins, order);
        return new PluginSet(plugins, sources, order);
    }

    private static IEnumerable<PluginConfigEntry> Select(IReadOnlyList<PluginConfigEntry> entries, IReadOnlyList<string>? loadPlugins)
    {
        if (loadPlugins is null)
        {
            return entries;
        }
        return loadPlugins.Select(name =>
            entries.FirstOrDefault(e => e.Name == name)
            ?? throw new PluginException($"Cannot load plugin '{name}': plugin config not found for given name"));
    }

    private static LoadedPlugin LoadOne(PluginConfigEntry entry, PluginLoadOptions options)
    {
        if (string.IsNullOrEmpty(entry.Name))
        {
            throw new PluginException($"A plugin entry with library_path '{entry.LibraryPath}' has no name");
        }
        var file = LibraryPathResolver.Resolve(entry, options);
        options.Log?.Invoke($"Loading plugin '{entry.Name}' from file {file}");
        IPlugin plugin;
        if (ManagedPluginLoader.IsManagedPath(file))
        {
            plugin = options.LoadManaged(file, entry.Name);
        }
        else
        {
            try
            {
                plugin = options.LoadNative(file, options.PluginLog);
            }
            catch (PluginException)
            {
                throw;
            }
            catch (Exception e)
            {
                throw new PluginException($"Cannot load plugin '{entry.Name}' from '{file}': {e.Message}", e);
            }
        }
        if (plugin.Info.Name != entry.Name)
        {
            throw new PluginException(
                $"Cannot load plugin '{entry.Name}' from '{file}': the plugin reports the name '{plugin.Info.Name}', and the configured name must equal it");
        }
        var initConfig = InitConfigValidator.Prepare(plugin.Info with { Location = file }, entry.InitConfig);
        return new LoadedPlugin(entry, file, plugin, initConfig);
    }

    /// <summary>Checks a plugin against those already loaded (names, ids, sources).</summary>
    private static void Admit(LoadedPlugin plugin, List<LoadedPlugin> loaded)
    {
        var info = plugin.Info;
        string Where(LoadedPlugin p) => $"Plugin '{p.Name}' ({p.LibraryFile})";
        if (loaded.FirstOrDefault(p => p.Name == plugin.Name) is { } same)
        {
            throw new PluginException($"{Where(plugin)}: a plugin with the same name is already loaded from '{same.LibraryFile}'");
        }
        if (!info.Has(PluginCapabilities.Sourcing))
        {
            return;
        }
        if (info.EventSource is { } source && ReservedSources.Contains(source))
        {
            throw new PluginException($"{Where(plugin)}: the event source name '{source}' is reserved");
        }
        if (!plugin.IsSource)
        {
            throw new PluginException(
                $"{Where(plugin)}: a source plugin needs an event source (id {info.Id}, no source): syscall-event sources are not supported");
        }
        foreach (var other in loaded.Where(p => p.IsSource))
        {
            if (other.Info.Id == info.Id)
            {
                throw new PluginException($"{Where(plugin)}: plugin id {info.Id} is already used by plugin '{other.Name}' ({other.LibraryFile})");
            }
            if (other.Info.EventSource == info.EventSource)
            {
                throw new PluginException(
                    $"{Where(plugin)}: event source '{info.EventSource}' is already produced by plugin '{other.Name}' ({other.LibraryFile}); load one source plugin per source");
            }
        }
    }

    private static SourceFields BuildFields(string source, List<LoadedPlugin> plugins, StaticFields? staticFields)
    {
        // The generic evt.* fields come first (provider 0), then the static fields (Falco adds them before the
        // plugins' fields), the plugins follow in load order.
        var registry = GenericEventFields.CreateRegistry(source);
        if (staticFields is not null)
        {
            registry.Add(staticFields.Provider);
        }
        var byProvider = new List<LoadedPlugin?>(registry.Providers.Select(_ => (LoadedPlugin?)null));
        foreach (var plugin in plugins.Where(p => p.ExtractsFrom(source)))
        {
            try
            {
                registry.Add(new FieldProvider(plugin.Name, plugin.Info.Fields));
            }
            catch (FieldRegistryException e)
            {
                var field = plugin.Info.Fields.Select(f => f.Name).FirstOrDefault(registry.Contains);
                var owner = field is not null && registry.TryGet(field, out var existing)
                    ? registry.Providers[existing.Provider].Name
                    : null;
                var ownerFile = owner is null ? null : plugins.FirstOrDefault(p => p.Name == owner)?.LibraryFile;
                throw new PluginException(field is null
                    ? $"Plugin '{plugin.Name}' ({plugin.LibraryFile}): {e.Message}"
                    : $"Plugin '{plugin.Name}' ({plugin.LibraryFile}) supports extraction of field '{field}' that is overlapping for source '{source}': "
                      + $"it is also exported by '{owner}'{(ownerFile is null ? "" : $" ({ownerFile})")}", e);
            }
            byProvider.Add(plugin);
        }
        return new SourceFields(registry, [.. byProvider], plugins.FirstOrDefault(p => p.IsSource && p.Info.EventSource == source),
            staticFields);
    }

    /// <summary>A plugin that neither gives a source nor extracts from a loaded one is an error, as in Falco.</summary>
    private static void CheckAllUsed(List<LoadedPlugin> plugins, List<string> sources)
    {
        foreach (var plugin in plugins)
        {
            var used = plugin.IsSource
                       || (plugin.Info.Has(PluginCapabilities.Extraction)
                           && (plugin.Info.ExtractEventSources.Count == 0 || sources.Any(plugin.ExtractsFrom)));
            if (!used)
            {
                throw new PluginException(
                    $"Plugin '{plugin.Name}' is loaded but unused as not compatible with any known event source "
                    + $"(file {plugin.LibraryFile}; it extracts from {string.Join(", ", plugin.Info.ExtractEventSources)}; loaded sources: {(sources.Count == 0 ? "none" : string.Join(", ", sources))})");
            }
        }
    }
}
