using Falco.Actors.Rules.Filter.Ast;

namespace Falco.Actors.Rules.Loading;

/// <summary>
/// Replaces macro references (identifiers in and/or/not positions) by the ASTs of the visible macros, recursively
/// (Falco's filter_macro_resolver). A macro reached again while it is being expanded is a reference loop.
/// Subtrees are shared, not cloned: AST nodes are immutable.
/// </summary>
public sealed class MacroResolver
{
    private readonly IReadOnlyDictionary<string, AstNode> _macros;
    private readonly List<string> _path = [];
    private readonly List<(string Message, SourcePosition Position)> _errors = [];
    private readonly List<(string Name, SourcePosition Position)> _unknown = [];
    private readonly HashSet<string> _resolved = new(StringComparer.Ordinal);

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
        return Visit(condition);
    }

    private AstNode Visit(AstNode node) => node switch
    {
        AndExpr and => VisitChildren(and.Children, out var children) ? and with { Children = children } : and,
        OrExpr or => VisitChildren(or.Children, out var children) ? or with { Children = children } : or,
        NotExpr not => Visit(not.Child) is var child && !ReferenceEquals(child, not.Child) ? not with { Child = child } : not,
        IdentifierExpr identifier => Expand(identifier),
        // Checks are not explored: an identifier inside one is a value or a list name, not a macro.
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
        _path.Add(identifier.Name);
        var expanded = Visit(macro);
        _path.RemoveAt(_path.Count - 1);
        _resolved.Add(identifier.Name);
        return expanded;
    }
}
