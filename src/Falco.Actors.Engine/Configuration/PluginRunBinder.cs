namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// Binds <c>engine_actors.plugins</c> (<see cref="PluginRunConfig"/> per plugin name) and checks its names against
/// <c>plugins:</c>. Every error names the file, line and key.
/// </summary>
internal static class PluginRunBinder
{
    private const string Key = "plugins";

    /// <summary>The map under <c>plugins</c> of <paramref name="engine"/> (<c>engine_actors</c>), or <paramref name="fallback"/> when absent.</summary>
    public static IReadOnlyDictionary<string, PluginRunConfig> Bind(ConfigMap engine, IReadOnlyDictionary<string, PluginRunConfig> fallback)
    {
        if (engine.Map(Key) is not { } map)
        {
            return fallback;
        }
        var runs = new Dictionary<string, PluginRunConfig>(StringComparer.Ordinal);
        foreach (var (name, at) in map.Keys)
        {
            var entry = map.Map(name) ?? throw map.Error(name, "expected a map of settings (isolation, call_timeout_s)");
            foreach (var (key, location) in entry.Keys)
            {
                if (key is not ("isolation" or "call_timeout_s"))
                {
                    throw new ConfigurationException(location, entry.PathOf(key), $"unknown setting '{key}' (known: isolation, call_timeout_s)");
                }
            }
            runs[name] = new PluginRunConfig(Isolation(entry), entry.Number("call_timeout_s", PluginRunConfig.DefaultCallTimeoutS, 0),
                at);
        }
        return runs;
    }

    /// <summary>Every name of <c>engine_actors.plugins</c> must be the name of a <c>plugins</c> entry.</summary>
    public static EngineActorsConfig CheckNames(EngineActorsConfig actors, IReadOnlyList<PluginConfig> plugins)
    {
        foreach (var (name, run) in actors.Plugins)
        {
            if (!plugins.Any(p => p.Name == name))
            {
                var known = plugins.Count == 0 ? "none" : string.Join(", ", plugins.Select(p => p.Name));
                throw new ConfigurationException(run.Location, $"engine_actors.{Key}.{name}",
                    $"no plugin named '{name}' in plugins (configured: {known})");
            }
        }
        return actors;
    }

    private static PluginIsolation Isolation(ConfigMap entry)
    {
        var text = entry.String("isolation", "none").Trim();
        return text switch
        {
            "none" => PluginIsolation.None,
            "process" => PluginIsolation.Process,
            _ => throw entry.Error("isolation", $"Unknown isolation \"{text}\"--must be one of none, process"),
        };
    }
}
