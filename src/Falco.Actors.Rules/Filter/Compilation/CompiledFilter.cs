using Falco.Actors.Rules.Filter.Evaluation;

namespace Falco.Actors.Rules.Filter.Compilation;

/// <summary>A compiled condition: evaluates an event held by an <see cref="EvalContext"/>, allocating nothing.</summary>
public abstract class CompiledFilter
{
    private static readonly IReadOnlySet<int> NoSlots = new HashSet<int>();

    public abstract bool Evaluate(EvalContext ctx);

    /// <summary>The slots the condition may read (for extraction plans).</summary>
    public IReadOnlySet<int> UsedSlots { get; internal set; } = NoSlots;
}
