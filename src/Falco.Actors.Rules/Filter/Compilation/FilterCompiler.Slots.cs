using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Filter.Ast;

namespace Falco.Actors.Rules.Filter.Compilation;

// Resolving field and transformer expressions to slots.
public sealed partial class FilterCompiler
{
    /// <summary>The slot of a field or transformer expression, interned by canonical text; marks it used.</summary>
    private SlotInfo ResolveSlot(AstNode node)
    {
        var slot = node switch
        {
            FieldExpr field => ResolveField(field),
            TransformerExpr transformer when transformer.Transformer == "val" => throw new FilterCompileException(
                "filter error: 'val' can only be used on the right-hand side of a comparison, directly around a field",
                node.Position),
            TransformerExpr transformer => ResolveTransformer(transformer),
            _ => throw new FilterCompileException($"filter error: expected a field, not {Describe(node)}", node.Position),
        };
        _used.Add(slot.Slot);
        return slot;
    }

    private SlotInfo ResolveField(FieldExpr expr)
    {
        if (!Registry.TryGet(expr.Field, out var field))
        {
            throw new FilterCompileException($"filter_check called with nonexistent field {expr.Field}", expr.Position);
        }
        var argument = FieldArgumentValidator.Validate(field.Info, expr.Arg, out var error);
        if (error is not null)
        {
            throw new FilterCompileException(error, expr.Position);
        }
        var text = expr.Arg is null ? expr.Field : $"{expr.Field}[{expr.Arg}]";
        if (Slots.TryFind(text, out var existing))
        {
            return Slots.Slots[existing];
        }
        return Slots.Add(new SlotInfo(0, field, argument, field.Info.Type, field.Info.IsList) { Text = text });
    }

    private SlotInfo ResolveTransformer(TransformerExpr expr)
    {
        var name = expr.Transformer;
        var kind = name switch
        {
            "tolower" => TransformerKind.ToLower,
            "toupper" => TransformerKind.ToUpper,
            "b64" => TransformerKind.Base64,
            "basename" => TransformerKind.Basename,
            "len" => TransformerKind.Len,
            _ => throw new FilterCompileException($"filter error: transformer '{name}' is not supported", expr.Position),
        };
        if (expr.Arg is not null)
        {
            throw new FilterCompileException($"filter error: transformer '{name}' does not support field arguments", expr.Position);
        }
        if (expr.Arguments.Count != 1)
        {
            throw new FilterCompileException($"filter error: transformer '{name}' takes exactly one field", expr.Position);
        }
        var input = ResolveSlot(expr.Arguments[0]);
        var (type, isList) = TransformedType(kind, name, input, expr.Position);
        var text = $"{name}({input.Text})";
        if (Slots.TryFind(text, out var existing))
        {
            return Slots.Slots[existing];
        }
        return Slots.Add(new SlotInfo(0, input.Field, input.Argument, type, isList)
        {
            Transformer = kind,
            InputSlot = input.Slot,
            Text = text,
        });
    }

    /// <summary>The output type of a transformer applied to a slot, or the libsinsp error for an unsupported input.</summary>
    private static (FieldType Type, bool IsList) TransformedType(TransformerKind kind, string name, SlotInfo input, SourcePosition position)
    {
        var supported = kind switch
        {
            TransformerKind.ToLower or TransformerKind.ToUpper or TransformerKind.Basename => input.Type == FieldType.String,
            TransformerKind.Base64 => input.Type is FieldType.String or FieldType.ByteBuf,
            TransformerKind.Len => input.IsList || input.Type is FieldType.String or FieldType.ByteBuf,
            _ => false,
        };
        if (!supported)
        {
            throw new FilterCompileException(
                $"can't add field transformer: type '{input.Type.ToName()}' is not supported by '{name}' transformer",
                position);
        }
        return kind == TransformerKind.Len ? (FieldType.UInt64, false) : (input.Type, input.IsList);
    }
}
