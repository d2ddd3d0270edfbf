using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Filter.Compilation;
using Falco.Actors.Rules.Filter.Language;

namespace Falco.Actors.Rules.Filter.Evaluation;

// Field checks. Every check first ensures its slot: a field without a value makes the check false whatever
// the operator (Falco's missing-value rule); only an enclosing `not` turns it true.

/// <summary><c>f exists</c>: at least one value.</summary>
internal sealed class ExistsCheck(int slot) : CompiledFilter
{
    public override bool Evaluate(EvalContext ctx) => ctx.Ensure(slot);
}

/// <summary>A scalar field compared with one constant.</summary>
internal sealed class ConstCheck(int slot, FieldType type, CompareOp op, Operand rhs) : CompiledFilter
{
    public override bool Evaluate(EvalContext ctx) =>
        ctx.Ensure(slot) && ScalarCompare.Value(ctx.Values, slot, 0, type, op, rhs);
}

/// <summary><c>f OP oneof|anyof|allof (v1, ...)</c>: exactly one, at least one, or every constant matches.</summary>
internal sealed class ModifierCheck(int slot, FieldType type, CompareOp op, CompareModifier modifier, Operand[] rhs) : CompiledFilter
{
    public override bool Evaluate(EvalContext ctx)
    {
        if (rhs.Length == 0 || !ctx.Ensure(slot))
        {
            return false;
        }
        var matches = 0;
        foreach (ref readonly var operand in rhs.AsSpan())
        {
            if (ScalarCompare.Value(ctx.Values, slot, 0, type, op, operand))
            {
                matches++;
                if (modifier == CompareModifier.AnyOf || (modifier == CompareModifier.OneOf && matches > 1))
                {
                    break;
                }
            }
            else if (modifier == CompareModifier.AllOf)
            {
                return false;
            }
        }
        return modifier switch
        {
            CompareModifier.OneOf => matches == 1,
            CompareModifier.AnyOf => matches > 0,
            _ => matches == rhs.Length,
        };
    }
}

/// <summary>
/// <c>in</c>/<c>intersects</c> against a prebuilt set of byte strings (string, bytebuf) or of numbers (numeric,
/// bool). A scalar field is in when its value is; a list field is <c>in</c> when every value is (subset) and
/// <c>intersects</c> when at least one is.
/// </summary>
internal sealed class SetCheck : CompiledFilter
{
    private readonly int _slot;
    private readonly bool _every;
    private readonly HashSet<byte[]>.AlternateLookup<ReadOnlySpan<byte>> _bytes;
    private readonly HashSet<ulong>? _numbers;
    private readonly bool _isBool;

    public SetCheck(int slot, bool every, HashSet<byte[]>? bytes, HashSet<ulong>? numbers, bool isBool)
    {
        _slot = slot;
        _every = every;
        _bytes = (bytes ?? new HashSet<byte[]>(ByteSequenceComparer.Instance)).GetAlternateLookup<ReadOnlySpan<byte>>();
        _numbers = numbers;
        _isBool = isBool;
    }

    public override bool Evaluate(EvalContext ctx)
    {
        if (!ctx.Ensure(_slot))
        {
            return false;
        }
        var values = ctx.Values;
        var count = values.Count(_slot);
        for (var i = 0; i < count; i++)
        {
            bool found;
            if (_numbers is not null)
            {
                var n = values.GetNumber(_slot, i);
                found = _numbers.Contains(_isBool ? (n != 0 ? 1UL : 0UL) : n);
            }
            else
            {
                found = _bytes.Contains(values.GetBytes(_slot, i));
            }
            if (found != _every)
            {
                // `in`: one value outside the set fails; `intersects`: one value inside succeeds.
                return found;
            }
        }
        return _every;
    }
}

/// <summary><c>in</c>/<c>intersects</c>/<c>pmatch</c> by comparing each value with each constant (addresses, paths).</summary>
internal sealed class ScanSetCheck(int slot, FieldType type, CompareOp elementOp, bool every, Operand[] rhs) : CompiledFilter
{
    public override bool Evaluate(EvalContext ctx)
    {
        if (!ctx.Ensure(slot))
        {
            return false;
        }
        var count = ctx.Values.Count(slot);
        for (var i = 0; i < count; i++)
        {
            var found = false;
            foreach (ref readonly var operand in rhs.AsSpan())
            {
                if (ScalarCompare.Value(ctx.Values, slot, i, type, elementOp, operand))
                {
                    found = true;
                    break;
                }
            }
            if (found != every)
            {
                return found;
            }
        }
        return every;
    }
}

/// <summary>A field compared with another field's (or transformer's) value of the same type: <c>f = val(g)</c>.</summary>
internal sealed class FieldCheck(int lhsSlot, int rhsSlot, FieldType type, CompareOp op) : CompiledFilter
{
    public override bool Evaluate(EvalContext ctx)
    {
        if (!ctx.Ensure(lhsSlot) || !ctx.Ensure(rhsSlot))
        {
            return false;
        }
        var values = ctx.Values;
        if (op is CompareOp.In or CompareOp.Intersects)
        {
            var every = op == CompareOp.In;
            var lhsCount = values.Count(lhsSlot);
            var rhsCount = values.Count(rhsSlot);
            for (var i = 0; i < lhsCount; i++)
            {
                var found = false;
                for (var j = 0; j < rhsCount && !found; j++)
                {
                    found = ScalarCompare.Values(values, lhsSlot, i, rhsSlot, j, type, CompareOp.Eq);
                }
                if (found != every)
                {
                    return found;
                }
            }
            return every;
        }
        return ScalarCompare.Values(values, lhsSlot, 0, rhsSlot, 0, type, op);
    }
}
