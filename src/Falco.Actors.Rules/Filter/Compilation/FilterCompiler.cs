using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Fields.Values;
using Falco.Actors.Rules.Filter.Ast;
using Falco.Actors.Rules.Filter.Evaluation;
using Falco.Actors.Rules.Filter.Language;

namespace Falco.Actors.Rules.Filter.Compilation;

/// <summary>
/// Compiles filter ASTs (macros already resolved) and output field expressions of one source against its
/// <see cref="FieldRegistry"/>. Every condition and value compiled by one compiler shares its
/// <see cref="SlotTable"/>, so a field is extracted once per event however many rules read it.
/// </summary>
public sealed partial class FilterCompiler
{
    private readonly List<CompileWarning> _warnings = [];
    private HashSet<int> _used = [];

    public FilterCompiler(FieldRegistry registry)
    {
        Registry = registry;
        Slots = new SlotTable(registry);
    }

    public FieldRegistry Registry { get; }

    public SlotTable Slots { get; }

    /// <summary>Warnings of every compilation so far (e.g. a field name used as a constant string).</summary>
    public IReadOnlyList<CompileWarning> Warnings => _warnings;

    /// <summary>Compiles a condition; throws <see cref="FilterCompileException"/> naming what is wrong and where.</summary>
    public CompiledFilter Compile(AstNode condition)
    {
        _used = [];
        // Every compiled node is new (never shared), so the root itself can carry the condition's slots.
        var root = CompileNode(condition);
        root.UsedSlots = _used;
        return root;
    }

    /// <summary>Compiles an output expression: a field (<c>%f[arg]</c>) or a transformer (<c>%toupper(f)</c>).</summary>
    public CompiledValue CompileValue(AstNode fieldOrTransformer)
    {
        _used = [];
        var slot = fieldOrTransformer switch
        {
            FieldExpr or TransformerExpr => ResolveSlot(fieldOrTransformer),
            _ => throw new FilterCompileException(
                $"filter error: expected a field or a transformer, not {Describe(fieldOrTransformer)}", fieldOrTransformer.Position),
        };
        return new CompiledValue(slot);
    }

    /// <summary>A context to evaluate this compiler's filters with: one extractor per registry provider, in order.</summary>
    public EvalContext CreateContext(IReadOnlyList<IFieldExtractor> extractors) =>
        new(Slots, extractors, Registry.Providers.Count);

    private CompiledFilter CompileNode(AstNode node) => node switch
    {
        AndExpr and => new AndNode([.. and.Children.Select(CompileNode)]),
        OrExpr or => new OrNode([.. or.Children.Select(CompileNode)]),
        NotExpr not => new NotNode(CompileNode(not.Child)),
        IdentifierExpr id => throw new FilterCompileException($"filter error: unexpected identifier '{id.Name}'", id.Position),
        UnaryCheckExpr unary => CompileUnary(unary),
        BinaryCheckExpr binary => CompileBinary(binary),
        _ => throw new FilterCompileException($"filter error: unexpected {Describe(node)}", node.Position),
    };

    private CompiledFilter CompileUnary(UnaryCheckExpr unary)
    {
        if (FilterOperators.Find(unary.Operator) is not { Syntax: OperatorSyntax.Unary })
        {
            throw new FilterCompileException($"filter error: unknown unary operator '{unary.Operator}'", unary.Position);
        }
        var slot = ResolveSlot(unary.Left);
        return new ExistsCheck(slot.Slot);
    }

    private static string Describe(AstNode node) => node switch
    {
        ValueExpr v => $"value '{v.Value}'",
        ListExpr => "list",
        TransformerListExpr => "transformer argument list",
        _ => node.GetType().Name,
    };
}
