using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Rules.Loading;

/// <summary>
/// The event sources rules may name, each with the fields its conditions may use. A source without a registry is
/// known (its rules are resolved) but its fields are not checked and its rules are not compiled.
/// </summary>
public sealed class RuleSourceSet
{
    private readonly Dictionary<string, FieldRegistry?> _sources = new(StringComparer.Ordinal);

    public static RuleSourceSet None => new();

    public static RuleSourceSet Of(params string[] names)
    {
        var set = new RuleSourceSet();
        foreach (var name in names)
        {
            set.Add(name, null);
        }
        return set;
    }

    public RuleSourceSet Add(string name, FieldRegistry? registry)
    {
        _sources[name] = registry;
        return this;
    }

    public RuleSourceSet Add(FieldRegistry registry) => Add(registry.Source, registry);

    public IEnumerable<string> Names => _sources.Keys;

    public bool IsKnown(string source) => _sources.ContainsKey(source);

    public FieldRegistry? RegistryOf(string source) => _sources.GetValueOrDefault(source);

    /// <summary>
    /// Whether an exception field (<c>proc.name</c>, <c>json.value[/a]</c>, <c>tolower(proc.name)</c>) names a
    /// field of the source; always true when the source has no registry.
    /// </summary>
    public bool IsFieldDefined(string source, string field)
    {
        var registry = RegistryOf(source);
        return registry is null || registry.Contains(FieldNameOf(field));
    }

    // Strips transformer calls and the [argument]: "tolower( json.value[/a/b])" → "json.value".
    private static string FieldNameOf(string text)
    {
        var name = text.Trim();
        while (true)
        {
            var open = name.IndexOf('(');
            if (open <= 0 || !name.EndsWith(')'))
            {
                break;
            }
            name = name[(open + 1)..^1].Trim();
        }
        var bracket = name.IndexOf('[');
        return bracket > 0 ? name[..bracket] : name;
    }
}
