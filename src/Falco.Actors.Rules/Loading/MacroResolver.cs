using Falco.Actors.Rules.Filter.Ast;

namespace Falco.Actors.Rules.Loading;

/// <summary>
/// Replaces macro references (identifiers in and/or/not positions) by the ASTs of the visible macros, recursively
/// (Falco's filter_macro_resolver). A macro reached again while it is being expanded is a reference loop.
/// Subtrees are shared, not cloned: AST nodes are immutable. Macros naming each other can nest a condition without
/// bound, so the expanded and/or/not nesting (<see cref="MaxDepth"/>) and size (<see cref="MaxNodes"/>) are limited.
/// </summary>
public sealed class MacroResolver
{
    /// <summary>
    /// The deepest and/or/not nesting a resolved condition may have: Falco's rules nest a few dozen levels, and
    /// the compiler and evaluator recurse once per level, so a deeper chain of macros would overflow their stack.
    /// Also the parser's limit for one condition (Falco's rule compiler's max_depth).
    /// </summary>
    public const int MaxDepth = 1000;

    /// <summary>
    /// The most nodes a resolved condition may have: macros used twice by each next macro double at every level
    /// (40 of them make 2^40 nodes, which would spin here and in the compiler). Falco's largest rules expand to a
    /// few thousand nodes.
    /// </summary>
    public const int MaxNodes = 1_000_000;

    private readonly IReadOnlyDictionary<string, AstNode> _macros;
    private readonly List<string> _path = [];
    private readonly List<(string Message, SourcePosition Position)> _errors = [];
    private readonly List<(string Name, SourcePosition Position)> _unknown = [];
    private readonly HashSet<string> _resolved = new(StringComparer.Ordinal);
    private int _depth;
    private int _nodes;
    private bool _tooLarge;
    private SourcePosition _outermostMacro;

    public MacroResolver(IReadOnlyDictionary<string, AstNode> macros) => _macros = macros;

    /// <summary>Names of the macros substituted by the last <see cref="Resolve"/>.</summary>
    public IReadOnlySet<string> Resolved => _resolved;

    /// <summary>
    /// The first problem of the last <see cref="Resolve"/>: a reference loop, else the first undefined macro
    /// (<c>Undefined macro 'x' used in filter.</c>), with the position of the identifier; null when none.
    /// </summary>
    public (string Message, SourcePosition Position)? FirstError =>
        _errors.Count > 0 ? _errors[0]
        : _unknown.Count > 0 ? ($"Undefined macro '{_unknown[0].Name}' used in filter.", _unknown[0].Position)
        : null;

    public AstNode Resolve(AstNode condition)
    {
        _errors.Clear();
        _unknown.Clear();
        _resolved.Clear();
        _path.Clear();
        _depth = 0;
        _nodes = 0;
        _tooLarge = false;
        return Visit(condition);
    }

    private AstNode Visit(AstNode node)
    {
        if (_tooLarge)
        {
            return node;
        }
        if (++_nodes > MaxNodes)
        {
            return TooLarge(node, $"condition has more than {MaxNodes} nodes once its macros are expanded");
        }
        if (node is not (AndExpr or OrExpr or NotExpr))
        {
            // Checks are not explored: an identifier inside one is a value or a list name, not a macro.
            return node is IdentifierExpr identifier ? Expand(identifier) : node;
        }
        if (_depth == MaxDepth)
        {
            return TooLarge(node, $"condition nested deeper than {MaxDepth} levels once its macros are expanded");
        }
        _depth++;
        var visited = VisitLogical(node);
        _depth--;
        return visited;
    }

    // Reported at the outermost macro reference of the condition being resolved, whose expansion is too large.
    private AstNode TooLarge(AstNode node, string message)
    {
        _errors.Insert(0, (message, _path.Count > 0 ? _outermostMacro : node.Position));
        _tooLarge = true;
        return node;
    }

    private AstNode VisitLogical(AstNode node) => node switch
    {
        AndExpr and => VisitChildren(and.Children, out var children) ? and with { Children = children } : and,
        OrExpr or => VisitChildren(or.Children, out var children) ? or with { Children = children } : or,
        NotExpr not => Visit(not.Child) is var child && !ReferenceEquals(child, not.Child) ? not with { Child = child } : not,
        _ => node,
    };

    private bool VisitChildren(IReadOnlyList<AstNode> children, out IReadOnlyList<AstNode> visited)
    {
        var result = new AstNode[children.Count];
        var changed = false;
        for (var i = 0; i < children.Count; i++)
        {
            result[i] = Visit(children[i]);
            changed |= !ReferenceEquals(result[i], children[i]);
        }
        visited = result;
        return changed;
    }

    private AstNode Expand(IdentifierExpr identifier)
    {
        if (!_macros.TryGetValue(identifier.Name, out var macro))
        {
            _unknown.Add((identifier.Name, identifier.Position));
            return identifier;
        }
        if (_path.Contains(identifier.Name))
        {
            _errors.Add(($"reference loop in macro '{identifier.Name}'", identifier.Position));
            return identifier;
        }
        if (_path.Count == 0)
        {
            _outermostMacro = identifier.Position;
        }
        _path.Add(identifier.Name);
        var expanded = Visit(macro);
        _path.RemoveAt(_path.Count - 1);
        _resolved.Add(identifier.Name);
        return expanded;
    }
}
