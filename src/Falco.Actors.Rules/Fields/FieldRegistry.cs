namespace Falco.Actors.Rules.Fields;

/// <summary>A field resolved in a registry: which provider exports it and at which position.</summary>
public readonly record struct FieldRef(int Provider, int FieldId, FieldInfo Info);

/// <summary>A named set of fields registered for a source (the generic event fields, or one plugin's fields).</summary>
public sealed record FieldProvider(string Name, IReadOnlyList<FieldInfo> Fields);

/// <summary>Raised when two providers export the same field for one source.</summary>
public sealed class FieldRegistryException(string message) : Exception(message);

/// <summary>
/// Every field usable in the conditions and outputs of one event source: the generic <c>evt.*</c> fields and the
/// fields of the plugins compatible with the source. Field names are unique per source; a provider is identified
/// by its position, which is also the position of its extractor in an evaluation context.
/// </summary>
public sealed class FieldRegistry
{
    private readonly List<FieldProvider> _providers = [];
    private readonly Dictionary<string, FieldRef> _fields = new(StringComparer.Ordinal);

    public FieldRegistry(string source) => Source = source;

    /// <summary>The event source these fields belong to (e.g. <c>aws_cloudtrail</c>).</summary>
    public string Source { get; }

    public IReadOnlyList<FieldProvider> Providers => _providers;

    /// <summary>All fields, in provider order then field order.</summary>
    public IEnumerable<FieldRef> Fields =>
        _providers.SelectMany((p, i) => p.Fields.Select((f, j) => new FieldRef(i, j, f)));

    /// <summary>Adds a provider's fields; a field name already exported by another provider is an error naming both.</summary>
    public int Add(FieldProvider provider)
    {
        var index = _providers.Count;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in provider.Fields)
        {
            if (!seen.Add(field.Name))
            {
                throw new FieldRegistryException(
                    $"'{provider.Name}' exports field '{field.Name}' twice");
            }
            if (_fields.TryGetValue(field.Name, out var existing))
            {
                throw new FieldRegistryException(
                    $"field '{field.Name}' of source '{Source}' is exported by both '{_providers[existing.Provider].Name}' and '{provider.Name}'");
            }
        }
        _providers.Add(provider);
        for (var i = 0; i < provider.Fields.Count; i++)
        {
            _fields[provider.Fields[i].Name] = new FieldRef(index, i, provider.Fields[i]);
        }
        return index;
    }

    public bool TryGet(string name, out FieldRef field) => _fields.TryGetValue(name, out field);

    public bool Contains(string name) => _fields.ContainsKey(name);
}
