using Falco.Actors.Rules.Filter.Compilation;

namespace Falco.Actors.Rules.Filter.Evaluation;

/// <summary><c>a and b and ...</c>, short-circuit left to right.</summary>
internal sealed class AndNode(CompiledFilter[] children) : CompiledFilter
{
    public override bool Evaluate(EvalContext ctx)
    {
        foreach (var child in children)
        {
            if (!child.Evaluate(ctx))
            {
                return false;
            }
        }
        return true;
    }
}

/// <summary><c>a or b or ...</c>, short-circuit left to right.</summary>
internal sealed class OrNode(CompiledFilter[] children) : CompiledFilter
{
    public override bool Evaluate(EvalContext ctx)
    {
        foreach (var child in children)
        {
            if (child.Evaluate(ctx))
            {
                return true;
            }
        }
        return false;
    }
}

internal sealed class NotNode(CompiledFilter child) : CompiledFilter
{
    public override bool Evaluate(EvalContext ctx) => !child.Evaluate(ctx);
}
