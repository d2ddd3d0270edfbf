using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Filter.Compilation;

namespace Falco.Actors.Rules.Filter.Evaluation;

/// <summary>
/// getopt(args, optstring)[o], as libsinsp scans argv: stop at "--" or at the first non-option, skip long options,
/// expand clusters ("-nt"), take an option's value from the rest of the token or the next entry. Without a
/// selector the result lists each option (an unknown one as "?") followed by its value; with one, the value of
/// the last occurrence of that option (the option itself when it takes none, "" when its value is missing),
/// missing when the option is absent. Allocation-free: option tables live on the stack.
/// </summary>
internal static class GetoptTransformer
{
    public static void Apply(SlotInfo info, FieldValues values)
    {
        var argsSlot = info.Inputs[0].Slot;
        var count = values.Count(argsSlot);
        if (count == 0)
        {
            return;
        }
        Span<bool> valid = stackalloc bool[256];
        Span<bool> takesValue = stackalloc bool[256];
        var optInput = info.Inputs[1];
        if (optInput.Constant is null && values.Count(optInput.Slot) == 0)
        {
            return;
        }
        ParseOptstring(optInput.Constant ?? values.GetBytes(optInput.Slot), valid, takesValue);

        var hasSelector = info.Argument.IsPresent;
        var selector = hasSelector ? (byte)info.Argument.Key![0] : (byte)0;
        // The selected result: (value index, offset, length) within the args values; index -1 = none.
        int selIndex = -1, selOffset = 0, selLength = 0;
        for (var a = 0; a < count; a++)
        {
            var token = a;
            var arg = values.GetBytes(argsSlot, a);
            if (arg.SequenceEqual("--"u8))
            {
                break;
            }
            if (arg.Length > 2 && arg[0] == '-' && arg[1] == '-')
            {
                continue;
            }
            if (arg.Length < 2 || arg[0] != '-')
            {
                break;
            }
            for (var i = 1; i < arg.Length; i++)
            {
                var opt = arg[i];
                if (opt == ':' || !valid[opt])
                {
                    if (!hasSelector)
                    {
                        values.AddBytes(info.Slot, "?"u8);
                    }
                    continue;
                }
                var match = !hasSelector || opt == selector;
                if (!takesValue[opt])
                {
                    if (match)
                    {
                        Emit(values, info.Slot, hasSelector, a, i, 1, ref selIndex, ref selOffset, ref selLength, argsSlot);
                    }
                    continue;
                }
                // The value: the rest of this token, or the next entry.
                int valueIndex, valueOffset, valueLength;
                if (i + 1 < arg.Length)
                {
                    (valueIndex, valueOffset, valueLength) = (a, i + 1, arg.Length - i - 1);
                }
                else if (a + 1 < count)
                {
                    a++;
                    (valueIndex, valueOffset, valueLength) = (a, 0, values.GetBytes(argsSlot, a).Length);
                }
                else
                {
                    if (match)
                    {
                        // A missing value reads as "".
                        Emit(values, info.Slot, hasSelector, a, 0, 0, ref selIndex, ref selOffset, ref selLength, argsSlot);
                    }
                    break;
                }
                if (match)
                {
                    if (hasSelector)
                    {
                        (selIndex, selOffset, selLength) = (valueIndex, valueOffset, valueLength);
                    }
                    else
                    {
                        values.AddBytes(info.Slot, values.GetBytes(argsSlot, token).Slice(i, 1));
                        values.AddBytes(info.Slot, values.GetBytes(argsSlot, valueIndex).Slice(valueOffset, valueLength));
                    }
                }
                break;
            }
        }
        if (hasSelector && selIndex >= 0)
        {
            values.AddBytes(info.Slot, values.GetBytes(argsSlot, selIndex).Slice(selOffset, selLength));
        }
    }

    private static void Emit(FieldValues values, int slot, bool hasSelector, int index, int offset, int length,
        ref int selIndex, ref int selOffset, ref int selLength, int argsSlot)
    {
        if (hasSelector)
        {
            (selIndex, selOffset, selLength) = (index, offset, length);
        }
        else
        {
            values.AddBytes(slot, values.GetBytes(argsSlot, index).Slice(offset, length));
        }
    }

    private static void ParseOptstring(ReadOnlySpan<byte> optstring, Span<bool> valid, Span<bool> takesValue)
    {
        var i = optstring.Length > 0 && optstring[0] == ':' ? 1 : 0;
        for (; i < optstring.Length; i++)
        {
            var opt = optstring[i];
            if (opt == ':')
            {
                continue;
            }
            valid[opt] = true;
            if (i + 1 < optstring.Length && optstring[i + 1] == ':')
            {
                takesValue[opt] = true;
                i++;
            }
        }
    }
}
