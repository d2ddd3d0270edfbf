using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Falco.Actors.Rules.Loading;

/// <summary>
/// A YamlDotNet parser that refuses hostile YAML while it is read: nesting deeper than <see cref="MaxDepth"/>
/// (YamlDotNet's representation model recurses once per level, so 60,000 <c>[</c> overflow the stack) and aliases
/// that expand to more than <see cref="MaxAliasedNodes"/> nodes (a "billion laughs" costs nothing to load, since
/// aliases are shared, but everything that walks the tree afterwards spins). It checks each event as
/// <c>YamlStream.Load</c> pulls it, so the limit is hit before the recursion gets deep and nothing is parsed twice.
/// Throws <see cref="YamlLimitException"/> at the offending node.
/// </summary>
public sealed class LimitedYamlParser : IParser
{
    /// <summary>
    /// Falco's own files nest a handful of levels (plugins[0].init_config.x.y); 1,000 is far beyond any real file
    /// and far below what the recursive loader can take on a 1 MB thread stack.
    /// </summary>
    public const int MaxDepth = 1000;

    /// <summary>
    /// Nodes that aliases may add when expanded (an alias counts as the size of what its anchor names). Real files
    /// use anchors, if at all, for a few small shared blocks; 100,000 stops a 9x9 "billion laughs" (9^9 nodes) at its sixth level.
    /// </summary>
    public const int MaxAliasedNodes = 100_000;

    private readonly IParser _inner;
    private readonly Stack<Open> _open = new();
    private readonly Dictionary<string, long> _anchorSizes = new(StringComparer.Ordinal);
    private long _aliased;

    public LimitedYamlParser(TextReader input)
        : this(new Parser(input))
    {
    }

    public LimitedYamlParser(IParser inner) => _inner = inner;

    public ParsingEvent? Current => _inner.Current;

    public bool MoveNext()
    {
        if (!_inner.MoveNext())
        {
            return false;
        }
        switch (_inner.Current)
        {
            case MappingStart or SequenceStart:
                if (_open.Count >= MaxDepth)
                {
                    throw new YamlLimitException(_inner.Current, $"YAML nesting deeper than {MaxDepth} levels");
                }
                _open.Push(new Open(((NodeEvent)_inner.Current).Anchor));
                break;
            case MappingEnd or SequenceEnd:
                var closed = _open.Pop();
                Counted(closed.Anchor, closed.Size + 1);
                break;
            case AnchorAlias alias:
                // An anchor still open (a recursive alias) is shared, not expanded: it counts as one node.
                var size = _anchorSizes.GetValueOrDefault(alias.Value.Value, 1);
                _aliased += size;
                if (_aliased > MaxAliasedNodes)
                {
                    throw new YamlLimitException(alias, $"YAML aliases expand to more than {MaxAliasedNodes} nodes");
                }
                Counted(AnchorName.Empty, size);
                break;
            case Scalar scalar:
                Counted(scalar.Anchor, 1);
                break;
            case DocumentEnd:
                _anchorSizes.Clear();
                break;
        }
        return true;
    }

    // Adds a finished node of `size` expanded nodes to its parent, and remembers the size of an anchored node.
    private void Counted(AnchorName anchor, long size)
    {
        if (!anchor.IsEmpty)
        {
            _anchorSizes[anchor.Value] = size;
        }
        if (_open.TryPeek(out var parent))
        {
            parent.Size += size;
        }
    }

    private sealed class Open(AnchorName anchor)
    {
        public AnchorName Anchor { get; } = anchor;

        public long Size { get; set; }
    }
}
