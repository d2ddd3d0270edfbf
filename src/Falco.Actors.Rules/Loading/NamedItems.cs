namespace Falco.Actors.Rules.Loading;

/// <summary>Items kept in first-definition order and found by name (Falco's indexed_vector).</summary>
internal sealed class NamedItems<T>
{
    private readonly List<T> _items;
    private readonly Dictionary<string, int> _byName;

    public NamedItems()
    {
        _items = [];
        _byName = new Dictionary<string, int>(StringComparer.Ordinal);
    }

    private NamedItems(NamedItems<T> other)
    {
        _items = [.. other._items];
        _byName = new Dictionary<string, int>(other._byName, StringComparer.Ordinal);
    }

    public IReadOnlyList<T> Items => _items;

    public int Count => _items.Count;

    public bool TryGet(string name, out T item)
    {
        if (_byName.TryGetValue(name, out var i))
        {
            item = _items[i];
            return true;
        }
        item = default!;
        return false;
    }

    /// <summary>Replaces the item of that name in place, or adds it at the end.</summary>
    public void Set(string name, T item)
    {
        if (_byName.TryGetValue(name, out var i))
        {
            _items[i] = item;
        }
        else
        {
            _byName[name] = _items.Count;
            _items.Add(item);
        }
    }

    public NamedItems<T> Clone() => new(this);
}
