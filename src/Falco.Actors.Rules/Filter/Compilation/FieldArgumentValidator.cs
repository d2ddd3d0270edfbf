using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Rules.Filter.Compilation;

/// <summary>
/// Checks a field's <c>[arg]</c> against what the field declares, with libsinsp's plugin_filtercheck messages.
/// An index must be all digits, no leading zero, within 64 bits; a field taking an index or a key uses a
/// non-index argument as a key.
/// </summary>
internal static class FieldArgumentValidator
{
    /// <returns>The argument, or a message saying what is wrong with it.</returns>
    /// <param name="isPluginField">
    /// Plugin fields reproduce a libsinsp quirk: the field text is cut at the first space before its argument is
    /// read, so an argument holding a space fails with "has unbalanced argument brackets".
    /// </param>
    public static FieldArgument Validate(FieldInfo field, string? arg, bool isPluginField, out string? error)
    {
        error = null;
        var name = field.Name;
        var full = arg is null ? name : $"{name}[{arg}]";
        if (arg is null)
        {
            if (field.Arg.IsRequired)
            {
                error = $"filter '{full}': {name} requires an argument but none provided";
            }
            return FieldArgument.Absent;
        }
        if (isPluginField && arg.Contains(' '))
        {
            error = $"filter '{full}': {name} has unbalanced argument brackets";
            return FieldArgument.Absent;
        }
        if (!field.Arg.IsAllowed && !field.Arg.IsRequired)
        {
            error = $"filter '{full}': {name} does not allow nor require an argument but one is provided: {arg}";
            return FieldArgument.Absent;
        }
        if (field.Arg.IsIndex)
        {
            var problem = IndexProblem(arg, out var index);
            if (problem is null)
            {
                return FieldArgument.OfIndex(index, arg);
            }
            if (!field.Arg.IsKey)
            {
                error = $"filter {full} {name}{problem}{arg}";
                return FieldArgument.Absent;
            }
        }
        return FieldArgument.OfKey(arg);
    }

    private static string? IndexProblem(string arg, out ulong index)
    {
        index = 0;
        string? problem = null;
        if (arg.Length == 0 || (arg.Length > 1 && arg[0] == '0'))
        {
            problem = " has an invalid index argument starting with 0: ";
        }
        foreach (var c in arg)
        {
            if (!char.IsAsciiDigit(c))
            {
                return " has an invalid index argument not composed only by digits: ";
            }
        }
        if (problem is not null)
        {
            return problem;
        }
        return ulong.TryParse(arg, out index) ? null : " has an invalid index argument not representable on 64 bit: ";
    }
}
