using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Loading;

/// <summary>
/// The fields of one event source: its registry (generic fields first, then every compatible extracting plugin in
/// load order) and which plugin stands behind each provider position.
/// </summary>
public sealed class SourceFields
{
    private readonly LoadedPlugin?[] _pluginByProvider;

    internal SourceFields(FieldRegistry registry, LoadedPlugin?[] pluginByProvider, LoadedPlugin? sourcePlugin)
    {
        Registry = registry;
        _pluginByProvider = pluginByProvider;
        SourcePlugin = sourcePlugin;
    }

    public string Source => Registry.Source;

    public FieldRegistry Registry { get; }

    /// <summary>The plugin producing this source's events.</summary>
    public LoadedPlugin? SourcePlugin { get; }

    /// <summary>The plugin behind provider <paramref name="provider"/>, or null for a non-plugin provider (generic fields).</summary>
    public LoadedPlugin? PluginAt(int provider) => _pluginByProvider[provider];

    /// <summary>The extracting plugins of this source, in provider order.</summary>
    public IEnumerable<LoadedPlugin> Extractors => _pluginByProvider.OfType<LoadedPlugin>();

    /// <summary>
    /// Creates, for one owner, one extractor per provider in registry order: a fresh state of every extracting plugin
    /// (never shared with another owner), and for a non-plugin provider whatever <paramref name="otherProvider"/>
    /// gives (null when not given). Dispose the result to destroy the states.
    /// </summary>
    public OwnerExtractors CreateExtractors(Func<FieldProvider, IFieldExtractor?>? otherProvider = null)
    {
        var instances = new List<IPluginInstance>();
        var extractors = new IFieldExtractor?[_pluginByProvider.Length];
        try
        {
            for (var i = 0; i < _pluginByProvider.Length; i++)
            {
                if (_pluginByProvider[i] is not { } plugin)
                {
                    extractors[i] = otherProvider?.Invoke(Registry.Providers[i]);
                    continue;
                }
                var instance = plugin.CreateInstance();
                instances.Add(instance);
                extractors[i] = instance.Extractor ?? throw new PluginException(
                    $"Plugin '{plugin.Name}' ({plugin.LibraryFile}): declares extraction but its state has no extractor");
            }
        }
        catch
        {
            foreach (var instance in instances)
            {
                instance.Dispose();
            }
            throw;
        }
        return new OwnerExtractors(extractors, instances);
    }
}

/// <summary>
/// One owner's extractors for one source, aligned with the source registry's providers. The owner alone calls them;
/// disposing destroys the plugin states behind them.
/// </summary>
public sealed class OwnerExtractors(IReadOnlyList<IFieldExtractor?> extractors, IReadOnlyList<IPluginInstance> instances)
    : IDisposable
{
    /// <summary>Extractor of provider i at index i (null for a provider nobody supplied an extractor for).</summary>
    public IReadOnlyList<IFieldExtractor?> Extractors { get; } = extractors;

    /// <summary>The plugin states created for this owner.</summary>
    public IReadOnlyList<IPluginInstance> Instances { get; } = instances;

    public void Dispose()
    {
        foreach (var instance in Instances)
        {
            instance.Dispose();
        }
    }
}
