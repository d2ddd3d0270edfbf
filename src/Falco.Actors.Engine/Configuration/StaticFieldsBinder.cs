namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// Binds <c>static_fields</c>: a map of name to value (Falco reads it as a map of strings; <c>${ENV}</c> is already
/// expanded by the loader). Each name becomes the field <c>static.&lt;name&gt;</c>, so it must be usable in a field
/// name: letters, digits, <c>_</c> and <c>.</c>.
/// </summary>
internal static class StaticFieldsBinder
{
    /// <summary>Null when the key is absent.</summary>
    public static IReadOnlyDictionary<string, string>? Bind(ConfigMap root, string key)
    {
        var map = root.Map(key);
        if (map is null)
        {
            return root.Has(key) ? new Dictionary<string, string>() : null;
        }
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, location) in map.Keys)
        {
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.'))
            {
                throw new ConfigurationException(location, map.PathOf(name),
                    "a static field name is made of letters, digits, '_' and '.' (it becomes the field static.<name>)");
            }
            fields[name] = map.String(name, "");
        }
        return fields;
    }
}
