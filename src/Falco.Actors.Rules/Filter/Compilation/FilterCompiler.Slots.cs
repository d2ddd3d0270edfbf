using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Fields.Generic;
using Falco.Actors.Rules.Filter.Ast;
using Falco.Actors.Rules.Filter.Language;

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
            TransformerExpr transformer when transformer.Transformer == FilterTransformers.Val => throw new FilterCompileException(
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
        var isPluginField = !(field.Provider == 0 && Registry.Providers[0].Name == GenericEventFields.ProviderName);
        var argument = FieldArgumentValidator.Validate(field.Info, expr.Arg, isPluginField, out var error);
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
        var kind = FilterTransformers.KindOf(name);
        if (kind == TransformerKind.None)
        {
            throw new FilterCompileException($"filter error: transformer '{name}' is not supported", expr.Position);
        }
        if (kind == TransformerKind.Getopt)
        {
            return ResolveGetopt(expr);
        }
        if (expr.Arg is not null)
        {
            throw new FilterCompileException($"filter error: transformer '{name}' does not support field arguments", expr.Position);
        }
        if (kind is TransformerKind.Join or TransformerKind.Concat)
        {
            return ResolveMultiValueTransformer(expr, kind);
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
            Inputs = [new SlotInput(input.Slot, null)],
            Text = text,
        });
    }

    /// <summary>
    /// join(sep, (items...)) and concat(a, b, ...) (Falco ≥ 0.44): string results built from several inputs, each a
    /// field, a transformer or a literal; libsinsp's argument rules and messages.
    /// </summary>
    private SlotInfo ResolveMultiValueTransformer(TransformerExpr expr, TransformerKind kind)
    {
        var name = expr.Transformer;
        var inputs = new List<SlotInput>();
        var texts = new List<string>();
        if (kind == TransformerKind.Join)
        {
            if (expr.Arguments.Count != 2)
            {
                throw new FilterCompileException("join() requires exactly 2 arguments: separator and list", expr.Position);
            }
            if (expr.Arguments[0] is TransformerListExpr)
            {
                throw new FilterCompileException("join() first argument (separator) must be a single value, not a list", expr.Position);
            }
            var separator = ResolveInput(expr.Arguments[0]);
            if (!separator.IsConstant && Slots.Slots[separator.Slot].IsList)
            {
                throw new FilterCompileException("join() first argument (separator) must be a single value, not a list", expr.Position);
            }
            inputs.Add(separator);
            texts.Add(InputText(separator, expr.Arguments[0]));
            if (expr.Arguments[1] is not TransformerListExpr list)
            {
                var single = ResolveInput(expr.Arguments[1]);
                if (single.IsConstant || !Slots.Slots[single.Slot].IsList)
                {
                    throw new FilterCompileException("join() second argument must be a list", expr.Position);
                }
                inputs.Add(single);
                texts.Add(InputText(single, expr.Arguments[1]));
            }
            else
            {
                var items = new List<string>();
                foreach (var item in list.Children)
                {
                    var input = ResolveInput(item);
                    inputs.Add(input);
                    items.Add(InputText(input, item));
                }
                texts.Add($"({string.Join(",", items)})");
            }
        }
        else
        {
            if (expr.Arguments.Count < 2)
            {
                throw new FilterCompileException("concat() requires at least 2 arguments", expr.Position);
            }
            foreach (var argument in expr.Arguments)
            {
                var input = argument is TransformerListExpr
                    ? throw new FilterCompileException("concat() arguments must be strings", expr.Position)
                    : ResolveInput(argument);
                if (!input.IsConstant && (Slots.Slots[input.Slot].Type != FieldType.String || Slots.Slots[input.Slot].IsList))
                {
                    throw new FilterCompileException("concat() arguments must be strings", expr.Position);
                }
                inputs.Add(input);
                texts.Add(InputText(input, argument));
            }
        }
        var text = $"{name}({string.Join(",", texts)})";
        if (Slots.TryFind(text, out var existing))
        {
            return Slots.Slots[existing];
        }
        var firstField = inputs.FirstOrDefault(i => !i.IsConstant);
        var field = firstField.Constant is null && inputs.Any(i => !i.IsConstant)
            ? Slots.Slots[firstField.Slot].Field
            : new FieldRef(-1, -1, new FieldInfo(name, FieldType.String, $"{name}() of constants"));
        return Slots.Add(new SlotInfo(0, field, FieldArgument.Absent, FieldType.String, false)
        {
            Transformer = kind,
            Inputs = inputs,
            Text = text,
        });
    }

    /// <summary>
    /// getopt(args, "optstring")[o] (Falco ≥ 0.44): POSIX getopt over a list of arguments; without a selector a list
    /// of options and their values, with one the value (or the option itself) of the last occurrence of option o.
    /// </summary>
    private SlotInfo ResolveGetopt(TransformerExpr expr)
    {
        if (expr.Arguments.Count != 2)
        {
            throw new FilterCompileException("getopt() requires exactly 2 arguments: args list and optstring", expr.Position);
        }
        if (expr.Arguments.Any(a => a is TransformerListExpr))
        {
            throw new FilterCompileException("getopt() arguments must be strings", expr.Position);
        }
        var args = ResolveInput(expr.Arguments[0]);
        if (args.IsConstant || !Slots.Slots[args.Slot].IsList)
        {
            throw new FilterCompileException("getopt() first argument must be a list", expr.Position);
        }
        var optstring = ResolveInput(expr.Arguments[1]);
        if (!optstring.IsConstant && Slots.Slots[optstring.Slot].IsList)
        {
            throw new FilterCompileException("getopt() second argument (optstring) must be a single value", expr.Position);
        }
        if (Slots.Slots[args.Slot].Type != FieldType.String || (!optstring.IsConstant && Slots.Slots[optstring.Slot].Type != FieldType.String))
        {
            throw new FilterCompileException("getopt() arguments must be strings", expr.Position);
        }
        if (expr.Arg is not null && expr.Arg.Length != 1)
        {
            throw new FilterCompileException("getopt() field argument must be a single option character", expr.Position);
        }
        var text = $"getopt({InputText(args, expr.Arguments[0])},{InputText(optstring, expr.Arguments[1])})"
            + (expr.Arg is null ? "" : $"[{expr.Arg}]");
        if (Slots.TryFind(text, out var existing))
        {
            return Slots.Slots[existing];
        }
        var selector = expr.Arg is null ? FieldArgument.Absent : FieldArgument.OfKey(expr.Arg);
        return Slots.Add(new SlotInfo(0, Slots.Slots[args.Slot].Field, selector, FieldType.String, expr.Arg is null)
        {
            Transformer = TransformerKind.Getopt,
            Inputs = [args, optstring],
            Text = text,
        });
    }

    /// <summary>A transformer argument: a literal becomes a constant, a field or transformer its slot.</summary>
    private SlotInput ResolveInput(AstNode node) => node switch
    {
        ValueExpr value => new SlotInput(-1, System.Text.Encoding.UTF8.GetBytes(value.Value)),
        TransformerListExpr => throw new FilterCompileException("filter error: unexpected transformer list", node.Position),
        _ => new SlotInput(ResolveSlot(node).Slot, null),
    };

    private string InputText(SlotInput input, AstNode node) =>
        input.IsConstant
            ? "\"" + ((ValueExpr)node).Value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""
            : Slots.Slots[input.Slot].Text;

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
