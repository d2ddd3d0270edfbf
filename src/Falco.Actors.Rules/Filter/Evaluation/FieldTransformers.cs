using System.Buffers;
using System.Buffers.Text;
using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Filter.Compilation;

namespace Falco.Actors.Rules.Filter.Evaluation;

/// <summary>
/// Computes a derived slot from its input slot, writing into the same value cache (no allocation: the cache's
/// arena and pooled scratch buffers). A missing input gives a missing output; a b64 value that does not decode
/// makes the output missing.
/// </summary>
internal static class FieldTransformers
{
    public static void Apply(SlotInfo info, SlotInfo inputInfo, FieldValues values)
    {
        var input = info.InputSlot;
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
