using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Native;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Fields.Generic;

namespace Falco.Actors.Plugins.Loading;

/// <summary>
/// The fields of one event source: its registry (the generic <c>evt.*</c> fields first, then falco.yaml's
/// <c>static_fields</c> when there are any, then every compatible extracting plugin in load order) and which plugin stands behind each provider position.
/// </summary>
public sealed class SourceFields
{
    private readonly LoadedPlugin?[] _pluginByProvider;
    private readonly StaticFields? _staticFields;

    internal SourceFields(FieldRegistry registry, LoadedPlugin?[] pluginByProvider, LoadedPlugin? sourcePlugin,
        StaticFields? staticFields = null)
    {
        Registry = registry;
        _staticFields = staticFields;
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
    /// Creates, for one owner, one extractor per provider in registry order, ready for evaluation: a fresh state of
    /// every extracting plugin (never shared with another owner) and, for the generic <c>evt.*</c> provider, a
    /// <see cref="GenericEventExtractor"/> whose <c>evt.plugininfo</c> comes from the owner's own state of the source
    /// plugin. <paramref name="otherProvider"/> may supply the extractor of a non-plugin provider instead.
    /// Dispose the result to destroy the states.
    /// </summary>
    /// <param name="hostname">evt.hostname (default: FALCO_HOSTNAME, else the machine name).</param>
    public OwnerExtractors CreateExtractors(string? hostname = null, Func<FieldProvider, IFieldExtractor?>? otherProvider = null)
    {
        var instances = new List<IPluginInstance>();
        var extractors = new IFieldExtractor[_pluginByProvider.Length];
        try
        {
            IPluginInstance? sourceInstance = null;
            for (var i = 0; i < _pluginByProvider.Length; i++)
            {
                if (_pluginByProvider[i] is not { } plugin)
                {
                    continue;
                }
                var instance = plugin.CreateInstance();
                instances.Add(instance);
                if (ReferenceEquals(plugin, SourcePlugin))
                {
                    sourceInstance = instance;
                }
                extractors[i] = instance.Extractor ?? throw new PluginException(
                    $"Plugin '{plugin.Name}' ({plugin.LibraryFile}): declares extraction but its state has no extractor");
            }
            for (var i = 0; i < _pluginByProvider.Length; i++)
            {
                if (_pluginByProvider[i] is not null)
                {
                    continue;
                }
                var provider = Registry.Providers[i];
                var extractor = otherProvider?.Invoke(provider);
                if (extractor is null && provider.Name == StaticFields.ProviderName)
                {
                    extractor = _staticFields;
                }
                if (extractor is null && provider.Name == GenericEventFields.ProviderName)
                {
                    if (sourceInstance is null && SourcePlugin is not null)
                    {
                        // evt.plugininfo needs the source plugin's event_to_string on a state of this owner.
                        sourceInstance = SourcePlugin.CreateInstance();
                        instances.Add(sourceInstance);
                    }
                    var toString = sourceInstance is null ? null : (Func<PluginEvent, string?>)(e => sourceInstance.EventToString(e));
                    extractor = new GenericEventExtractor(Source, SourcePlugin?.Name,
                        hostname ?? Environment.GetEnvironmentVariable("FALCO_HOSTNAME") ?? Environment.MachineName, toString);
                }
                extractors[i] = extractor ?? throw new PluginException(
                    $"No extractor for the field provider '{provider.Name}' of source '{Source}'");
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
public sealed class OwnerExtractors(IReadOnlyList<IFieldExtractor> extractors, IReadOnlyList<IPluginInstance> instances)
    : IDisposable
{
    /// <summary>The extractor of provider i at index i (what the filter compiler's CreateContext takes).</summary>
    public IReadOnlyList<IFieldExtractor> Extractors { get; } = extractors;

    /// <summary>The plugin states created for this owner.</summary>
    public IReadOnlyList<IPluginInstance> Instances { get; } = instances;

    /// <summary>
    /// Tells every extractor that asks for it (<see cref="ISourceBoundExtractor"/>) which event source its events
    /// come from, before the first extraction; returns this.
    /// </summary>
    public OwnerExtractors BindEventSource(string source)
    {
        foreach (var extractor in Extractors)
        {
            (extractor as ISourceBoundExtractor)?.BindEventSource(source);
        }
        return this;
    }

    public void Dispose()
    {
        foreach (var instance in Instances)
        {
            instance.Dispose();
        }
    }
}
