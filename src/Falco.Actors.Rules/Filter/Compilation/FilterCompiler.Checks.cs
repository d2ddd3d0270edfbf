using System.Text;
using System.Text.RegularExpressions;
using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Fields.Values;
using Falco.Actors.Rules.Filter.Ast;
using Falco.Actors.Rules.Filter.Evaluation;
using Falco.Actors.Rules.Filter.Language;

namespace Falco.Actors.Rules.Filter.Compilation;

// Binary checks: operator and type rules, right-hand values, field-to-field comparisons.
public sealed partial class FilterCompiler
{
    private CompiledFilter CompileBinary(BinaryCheckExpr check)
    {
        if (!FilterOperators.TryParse(check.Operator, out var row, out var modifier) || row.Syntax == OperatorSyntax.Unary)
        {
            throw new FilterCompileException($"filter error: unknown operator '{check.Operator}'", check.Position);
        }
        var lhs = ResolveSlot(check.Left);
        if (!row.Accepts(lhs.Type, lhs.IsList))
        {
            throw new FilterCompileException("filter error: " + NotComparableMessage(row.Op, lhs.Type, lhs.IsList), check.Position);
        }
        if (modifier != CompareModifier.None && !row.TakesModifier)
        {
            throw new FilterCompileException($"filter error: '{row.Name}' operator does not support modifiers", check.Position);
        }
        var op = row.Op;
        return check.Right switch
        {
            TransformerExpr rhs => CompileFieldComparison(check, lhs, op, modifier, rhs),
            ListExpr list => CompileWithValues(check, lhs, row, modifier, list.Values, list.Position, isList: true),
            ValueExpr value => CompileWithValues(check, lhs, row, modifier, [value.Value], value.Position, isList: false),
            _ => throw new FilterCompileException($"filter error: unexpected {Describe(check.Right)} as right-hand side", check.Right.Position),
        };
    }

    /// <summary>libsinsp's flt_is_comparable message (its wording, including "not supported list filters").</summary>
    private static string NotComparableMessage(CompareOp op, FieldType type, bool isList)
    {
        var name = FilterOperators.NameOf(op);
        if (isList)
        {
            return $"'{name}' operator not supported list filters";
        }
        var kind = type switch
        {
            FieldType.String => "string",
            FieldType.ByteBuf => "buffer",
            FieldType.IpAddr or FieldType.IpNet => "ip address and network",
            _ => "numeric",
        };
        return $"'{name}' operator not supported for {kind} filters";
    }

    private CompiledFilter CompileFieldComparison(BinaryCheckExpr check, SlotInfo lhs, CompareOp op, CompareModifier modifier,
        TransformerExpr rhsExpr)
    {
        if (op is CompareOp.Pmatch or CompareOp.Regex)
        {
            throw new FilterCompileException($"operator '{FilterOperators.UpperNameOf(op)}' doesn't support right-hand side fields", rhsExpr.Position);
        }
        if (lhs.Type == FieldType.IpNet)
        {
            throw new FilterCompileException("field type 'IPNET' doesn't support right-hand side fields", rhsExpr.Position);
        }
        if (modifier != CompareModifier.None)
        {
            throw new FilterCompileException("filter error: operator modifiers need a list of values", rhsExpr.Position);
        }
        SlotInfo rhs;
        if (rhsExpr.Transformer == FilterTransformers.Val)
        {
            if (rhsExpr.Arg is not null)
            {
                throw new FilterCompileException("filter error: transformer 'val' does not support field arguments", rhsExpr.Position);
            }
            if (rhsExpr.Arguments is not [FieldExpr field])
            {
                throw new FilterCompileException("filter error: expected a field within 'val' transformer", rhsExpr.Position);
            }
            rhs = ResolveSlot(field);
        }
        else
        {
            rhs = ResolveSlot(rhsExpr);
        }
        if (rhs.Type != lhs.Type || rhs.IsList != lhs.IsList)
        {
            throw new FilterCompileException(
                $"field '{lhs.Text}' has type '{TypeText(lhs)}' while the right-hand side field '{rhs.Text}' has incompatible type '{TypeText(rhs)}'",
                check.Position);
        }
        return new FieldCheck(lhs.Slot, rhs.Slot, lhs.Type, op);
    }

    private static string TypeText(SlotInfo slot) => slot.IsList ? $"{slot.Type.ToName()} (list)" : slot.Type.ToName();

    private CompiledFilter CompileWithValues(BinaryCheckExpr check, SlotInfo lhs, FilterOperator row, CompareModifier modifier,
        IReadOnlyList<string> texts, SourcePosition position, bool isList)
    {
        var op = row.Op;
        if (row.TakesList)
        {
            return CompileSet(lhs, op, texts, position);
        }
        if (modifier != CompareModifier.None)
        {
            var operands = new Operand[texts.Count];
            for (var i = 0; i < texts.Count; i++)
            {
                operands[i] = ParseOperand(lhs, op, texts[i], position);
            }
            return new ModifierCheck(lhs.Slot, lhs.Type, op, modifier, operands);
        }
        if (isList || texts.Count != 1)
        {
            throw new FilterCompileException($"filter error: '{check.Operator}' operator needs a single value, not a list", position);
        }
        WarnIfFieldLike(texts[0], position);
        return new ConstCheck(lhs.Slot, lhs.Type, op, ParseOperand(lhs, op, texts[0], position));
    }

    private CompiledFilter CompileSet(SlotInfo lhs, CompareOp op, IReadOnlyList<string> texts, SourcePosition position)
    {
        var every = op == CompareOp.In && lhs.IsList;
        if (op == CompareOp.Pmatch)
        {
            var prefixes = texts.Select(t => ParseOperand(lhs, op, t, position)).ToArray();
            return new ScanSetCheck(lhs.Slot, lhs.Type, CompareOp.Pmatch, every: false, prefixes);
        }
        switch (lhs.Type)
        {
            case FieldType.String:
            case FieldType.ByteBuf:
            {
                var set = new HashSet<byte[]>(ByteSequenceComparer.Instance);
                foreach (var t in texts)
                {
                    set.Add(ParseOperand(lhs, CompareOp.Eq, t, position).Bytes);
                }
                return new SetCheck(lhs.Slot, every, set, null, isBool: false);
            }
            case FieldType.IpAddr:
            case FieldType.IpNet:
            {
                var operands = texts.Select(t => ParseOperand(lhs, CompareOp.Eq, t, position)).ToArray();
                return new ScanSetCheck(lhs.Slot, lhs.Type, CompareOp.Eq, every, operands);
            }
            default:
            {
                var set = new HashSet<ulong>();
                foreach (var t in texts)
                {
                    set.Add(ParseOperand(lhs, CompareOp.Eq, t, position).Number);
                }
                return new SetCheck(lhs.Slot, every, null, set, isBool: lhs.Type == FieldType.Bool);
            }
        }
    }

    /// <summary>Parses one right-hand text into the left field's type, with libsinsp's messages.</summary>
    private Operand ParseOperand(SlotInfo lhs, CompareOp op, string text, SourcePosition position)
    {
        try
        {
            if (text.Contains('\0') && lhs.Type != FieldType.ByteBuf)
            {
                throw new FieldValueException(@"filter error: filter value cannot contain a NUL byte (\x00)");
            }
            if (op is CompareOp.BContains or CompareOp.BStartsWith)
            {
                return Operand.OfBytes(FieldValueParser.ParseHex(text));
            }
            if (op == CompareOp.Regex)
            {
                return Operand.OfRegex(CompileRegex(text, position));
            }
            return lhs.Type switch
            {
                FieldType.String or FieldType.ByteBuf => Operand.OfBytes(Encoding.UTF8.GetBytes(text)),
                FieldType.Bool => Operand.OfNumber(FieldValueParser.ParseBool(text) ? 1UL : 0UL),
                FieldType.IpAddr => Operand.OfBytes(text.Contains('/') ? FieldValueParser.ParseIpNet(text) : FieldValueParser.ParseIpAddr(text)),
                FieldType.IpNet => Operand.OfBytes(FieldValueParser.ParseIpNet(text)),
                FieldType.Int64 => Operand.OfNumber(FieldValueParser.ParseInt64(text)),
                _ => Operand.OfNumber(FieldValueParser.ParseUInt64(text)),
            };
        }
        catch (FieldValueException e)
        {
            throw new FilterCompileException(e.Message, position);
        }
    }

    /// <summary>An anchored full-match regex (libsinsp matches RE2 anchored at both ends), RE2 POSIX syntax adapted.</summary>
    private Regex CompileRegex(string pattern, SourcePosition position)
    {
        WarnIfSimpleRegex(pattern, position);
        try
        {
            return new Regex($"^(?:{Re2Pattern.ToDotNet(pattern)})\\z", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new FieldValueException($"invalid regex pattern: {e.Message}");
        }
    }
}
