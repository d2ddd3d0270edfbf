using YamlDotNet.RepresentationModel;

namespace Falco.Actors.Engine.Configuration;

/// <summary>Binds <c>plugins:</c> and <c>load_plugins:</c>.</summary>
internal static class PluginsBinder
{
    /// <summary><c>plugins</c>: null when the key is absent.</summary>
    public static IReadOnlyList<PluginConfig>? BindPlugins(ConfigMap root, string key, string baseDirectory)
    {
        var items = root.List(key);
        if (items is null)
        {
            return null;
        }
        var plugins = new List<PluginConfig>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{key}[{i}]";
            if (items[i] is not YamlMappingNode map)
            {
                throw root.Error(items[i], path, $"expected a map with name and library_path, got {ConfigDocument.Describe(items[i])}");
            }
            var entry = new ConfigMap(root.Document, map, path);
            var name = Required(entry, "name");
            var library = Required(entry, "library_path");
            var openParams = entry.String("open_params", "").Trim();
            plugins.Add(new PluginConfig(name, ConfigPath.Resolve(library, baseDirectory), InitConfig(entry), openParams, entry.Location));
        }
        return plugins;
    }

    /// <summary><c>load_plugins</c>: null when absent; every name must be the name of a <c>plugins</c> entry.</summary>
    public static IReadOnlyList<string>? BindLoadPlugins(ConfigMap root, string key, IReadOnlyList<PluginConfig> plugins)
    {
        var names = root.StringList(key);
        if (names is null)
        {
            return null;
        }
        var items = root.List(key)!;
        for (var i = 0; i < names.Count; i++)
        {
            if (!plugins.Any(p => p.Name == names[i]))
            {
                throw root.Error(items[i], $"{key}[{i}]", $"Cannot load plugin '{names[i]}': plugin config not found for given name");
            }
        }
        return names;
    }

    private static string Required(ConfigMap entry, string key)
    {
        if (!entry.Has(key))
        {
            throw new ConfigurationException(entry.Location, entry.PathOf(key), $"missing required key '{key}'");
        }
        var value = entry.String(key, "");
        return value.Length > 0 ? value : throw entry.Error(key, $"'{key}' must not be empty");
    }

    /// <summary>A string as written, or a map (or list) as compact JSON; absent or null is "".</summary>
    private static string InitConfig(ConfigMap entry)
    {
        var node = entry.Get("init_config");
        return node switch
        {
            null => "",
            _ when ConfigDocument.IsNull(node) => "",
            YamlScalarNode s => s.Value ?? "",
            _ => InitConfigJson.FromYaml(node),
        };
    }
}
