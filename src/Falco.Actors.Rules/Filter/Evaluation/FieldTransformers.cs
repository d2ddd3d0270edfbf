using System.Buffers;
using System.Buffers.Text;
using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Filter.Compilation;
using Falco.Actors.Rules.Filter.Language;

namespace Falco.Actors.Rules.Filter.Evaluation;

/// <summary>
/// Computes a derived slot from its input slot, writing into the same value cache (no allocation: the cache's
/// arena and pooled scratch buffers). A missing input gives a missing output; a b64 value that does not decode
/// makes the output missing.
/// </summary>
internal static class FieldTransformers
{
    public static void Apply(SlotInfo info, IReadOnlyList<SlotInfo> slots, FieldValues values, ScratchBuffer scratch)
    {
        switch (info.Transformer)
        {
            case TransformerKind.Join:
                ApplyJoin(info, slots, values, scratch);
                return;
            case TransformerKind.Concat:
                ApplyConcat(info, slots, values, scratch);
                return;
            case TransformerKind.Getopt:
                GetoptTransformer.Apply(info, values);
                return;
        }
        var input = info.InputSlot;
        var inputInfo = slots[input];
        var count = values.Count(input);
        if (count == 0)
        {
            return;
        }
        switch (info.Transformer)
        {
            case TransformerKind.Len:
                values.AddNumber(info.Slot, inputInfo.IsList ? (ulong)count : (ulong)values.GetBytes(input, 0).Length);
                return;
            case TransformerKind.Base64:
                ApplyBase64(info.Slot, input, count, values);
                return;
        }
        for (var i = 0; i < count; i++)
        {
            var source = values.GetBytes(input, i);
            switch (info.Transformer)
            {
                case TransformerKind.ToLower:
                    CopyCased(source, values.AddBytes(info.Slot, source.Length), upper: false);
                    break;
                case TransformerKind.ToUpper:
                    CopyCased(source, values.AddBytes(info.Slot, source.Length), upper: true);
                    break;
                case TransformerKind.Basename:
                    values.AddBytes(info.Slot, source[(source.LastIndexOf((byte)'/') + 1)..]);
                    break;
            }
        }
    }

    /// <summary>join(sep, (items...)): the items' values, as text, separated by sep; missing when sep is.</summary>
    private static void ApplyJoin(SlotInfo info, IReadOnlyList<SlotInfo> slots, FieldValues values, ScratchBuffer scratch)
    {
        var separator = info.Inputs[0];
        if (!separator.IsConstant && values.Count(separator.Slot) == 0)
        {
            return;
        }
        scratch.Clear();
        var items = 0;
        for (var i = 1; i < info.Inputs.Count; i++)
        {
            var input = info.Inputs[i];
            var count = input.IsConstant ? 1 : values.Count(input.Slot);
            for (var v = 0; v < count; v++)
            {
                if (items++ > 0)
                {
                    AppendInput(separator, 0, slots, values, scratch);
                }
                AppendInput(input, v, slots, values, scratch);
            }
        }
        if (items > 0)
        {
            values.AddBytes(info.Slot, scratch.Written);
        }
    }

    /// <summary>concat(a, b, ...): the string arguments end to end; missing when any is.</summary>
    private static void ApplyConcat(SlotInfo info, IReadOnlyList<SlotInfo> slots, FieldValues values, ScratchBuffer scratch)
    {
        scratch.Clear();
        for (var i = 0; i < info.Inputs.Count; i++)
        {
            var input = info.Inputs[i];
            if (!input.IsConstant && values.Count(input.Slot) == 0)
            {
                return;
            }
            AppendInput(input, 0, slots, values, scratch);
        }
        values.AddBytes(info.Slot, scratch.Written);
    }

    /// <summary>Appends one input value as text (numbers in decimal, bools as true/false, addresses as text).</summary>
    private static void AppendInput(SlotInput input, int index, IReadOnlyList<SlotInfo> slots, FieldValues values, ScratchBuffer scratch)
    {
        if (input.Constant is { } constant)
        {
            scratch.Append(constant);
            return;
        }
        var slot = input.Slot;
        int written;
        switch (slots[slot].Type)
        {
            case FieldType.String:
            case FieldType.ByteBuf:
                scratch.Append(values.GetBytes(slot, index));
                return;
            case FieldType.Int64:
                Utf8Formatter.TryFormat((long)values.GetNumber(slot, index), scratch.GetSpan(24), out written);
                break;
            case FieldType.Bool:
                scratch.Append(values.GetBool(slot, index) ? "true"u8 : "false"u8);
                return;
            case FieldType.IpAddr:
            case FieldType.IpNet:
                var text = new System.Text.StringBuilder();
                Fields.Values.FieldValueFormatter.AppendValue(text, slots[slot].Type, values, slot, index);
                scratch.Append(System.Text.Encoding.UTF8.GetBytes(text.ToString()));
                return;
            default:
                Utf8Formatter.TryFormat(values.GetNumber(slot, index), scratch.GetSpan(24), out written);
                break;
        }
        scratch.Advance(written);
    }

    private static void CopyCased(ReadOnlySpan<byte> source, Span<byte> target, bool upper)
    {
        for (var i = 0; i < source.Length; i++)
        {
            var b = source[i];
            target[i] = upper
                ? (b is >= (byte)'a' and <= (byte)'z' ? (byte)(b - 32) : b)
                : (b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b);
        }
    }

    private static void ApplyBase64(int slot, int input, int count, FieldValues values)
    {
        // Check every value first: one undecodable value makes the whole output missing.
        for (var i = 0; i < count; i++)
        {
            if (!TryDecode(values.GetBytes(input, i), Span<byte>.Empty, out _))
            {
                return;
            }
        }
        for (var i = 0; i < count; i++)
        {
            var text = values.GetBytes(input, i);
            var target = values.AddBytes(slot, (text.Length + 3) / 4 * 3);
            TryDecode(values.GetBytes(input, i), target, out var length);
            values.TrimLast(slot, length);
        }
    }

    /// <summary>Decodes (unpadded accepted, as libsinsp does); with an empty target only validates.</summary>
    private static bool TryDecode(ReadOnlySpan<byte> text, Span<byte> target, out int length)
    {
        length = 0;
        var padded = (text.Length + 3) / 4 * 4;
        if (padded - text.Length == 3)
        {
            return false;
        }
        var pool = ArrayPool<byte>.Shared;
        var scratch = pool.Rent(Math.Max(4, padded));
        var output = target.IsEmpty ? pool.Rent(Math.Max(3, padded / 4 * 3)) : null;
        try
        {
            text.CopyTo(scratch);
            scratch.AsSpan(text.Length, padded - text.Length).Fill((byte)'=');
            var status = Base64.DecodeFromUtf8(scratch.AsSpan(0, padded), output ?? target, out _, out length);
            return status == OperationStatus.Done;
        }
        finally
        {
            pool.Return(scratch);
            if (output is not null)
            {
                pool.Return(output);
            }
        }
    }
}
