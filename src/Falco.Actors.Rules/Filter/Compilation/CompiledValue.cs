using System.Text;
using System.Text.Json;
using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Fields.Generic;
using Falco.Actors.Rules.Fields.Values;
using Falco.Actors.Rules.Filter.Evaluation;

namespace Falco.Actors.Rules.Filter.Compilation;

/// <summary>A field or transformer expression rendered into outputs (<c>%ct.user</c>, <c>%toupper(ct.user)</c>).</summary>
public sealed class CompiledValue
{
    private readonly bool _timeText;
    private readonly NumberFormat _format;

    internal CompiledValue(SlotInfo slot)
    {
        Slot = slot.Slot;
        Text = slot.Text;
        Type = slot.Type;
        IsList = slot.IsList;
        var direct = !slot.IsDerived;
        _timeText = direct && GenericEventFields.IsTimeText(slot.Field);
        _format = direct ? GenericEventFields.NumberFormatOf(slot.Field) : NumberFormat.Decimal;
    }

    public FieldType Type { get; }

    public bool IsList { get; }

    /// <summary>The slot holding the values.</summary>
    public int Slot { get; }

    /// <summary>Canonical text of the expression (<c>json.value[/a]</c>, <c>toupper(ct.user)</c>).</summary>
    public string Text { get; }

    /// <summary>Appends the value as libsinsp prints it; false when the field has no value (the caller prints <c>&lt;NA&gt;</c>).</summary>
    public bool TryFormat(EvalContext ctx, StringBuilder into)
    {
        if (!ctx.Ensure(Slot))
        {
            return false;
        }
        FieldValueFormatter.AppendValues(into, Type, IsList, ctx.Values, Slot, _format);
        return true;
    }

    /// <summary>
    /// Writes the JSON output_fields value: numbers and bools as JSON numbers and bools, evt.time* texts as the
    /// event's integer nanoseconds, everything else as its text, a list as an array, null when missing.
    /// </summary>
    public void WriteJson(EvalContext ctx, Utf8JsonWriter w)
    {
        if (!ctx.Ensure(Slot))
        {
            w.WriteNullValue();
            return;
        }
        if (_timeText)
        {
            w.WriteNumberValue(ctx.Event.TimestampNs);
            return;
        }
        if (!IsList)
        {
            WriteOne(ctx, w, 0);
            return;
        }
        w.WriteStartArray();
        var count = ctx.Values.Count(Slot);
        for (var i = 0; i < count; i++)
        {
            WriteOne(ctx, w, i);
        }
        w.WriteEndArray();
    }

    private void WriteOne(EvalContext ctx, Utf8JsonWriter w, int index)
    {
        var values = ctx.Values;
        switch (Type)
        {
            case FieldType.UInt64:
            case FieldType.RelTime:
            case FieldType.AbsTime:
                w.WriteNumberValue(values.GetNumber(Slot, index));
                break;
            case FieldType.Int64:
                w.WriteNumberValue((long)values.GetNumber(Slot, index));
                break;
            case FieldType.Bool:
                w.WriteBooleanValue(values.GetBool(Slot, index));
                break;
            case FieldType.String:
                w.WriteStringValue(values.GetBytes(Slot, index));
                break;
            default:
                var text = new StringBuilder();
                FieldValueFormatter.AppendValue(text, Type, values, Slot, index, _format);
                w.WriteStringValue(text.ToString());
                break;
        }
    }
}
