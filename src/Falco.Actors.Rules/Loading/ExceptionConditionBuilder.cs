using System.Text;

namespace Falco.Actors.Rules.Loading;

/// <summary>
/// Turns a rule's exceptions into condition text (rule_loader_compiler.cpp: build_rule_exception_infos): the
/// condition is parenthesised and <c> and not (...)</c> is appended for every exception that has values. The result
/// is then list-substituted and parsed like any condition.
/// </summary>
internal static class ExceptionConditionBuilder
{
    public static string Build(string condition, IReadOnlyList<ExceptionInfo> exceptions, ISet<string> exceptionFields)
    {
        var result = new StringBuilder("(").Append(condition).Append(')');
        foreach (var exception in exceptions)
        {
            var text = exception.Fields!.IsList ? MultiField(exception, exceptionFields) : SingleField(exception, exceptionFields);
            if (text.Length > 0)
            {
                result.Append(" and not ").Append(text);
            }
        }
        return result.ToString();
    }

    // fields: F, comps: C, values: [v1, v2] → (F C (v1, v2))
    private static string SingleField(ExceptionInfo exception, ISet<string> exceptionFields)
    {
        if (exception.Values.Count == 0)
        {
            return "";
        }
        var values = new List<string>();
        foreach (var value in exception.Values)
        {
            if (value.IsList)
            {
                throw new RuleLoadException(LoadCode.ErrValidate, "Expected values array to contain a list of strings", exception.Context);
            }
            values.Add(ListSubstitution.QuoteItem(value.Item));
        }
        exceptionFields.Add(exception.Fields!.Item);
        return $"({exception.Fields.Item} {exception.Comps!.Item} ({string.Join(", ", values)}))";
    }

    // fields: [F1, F2], comps: [C1, C2], values: [[a, b], [c, d]] → (( F1 C1 a and F2 C2 b) or ( F1 C1 c and F2 C2 d))
    private static string MultiField(ExceptionInfo exception, ISet<string> exceptionFields)
    {
        var fields = exception.Fields!.Items;
        var comps = exception.Comps!.Items;
        var tuples = new List<string>();
        foreach (var tuple in exception.Values)
        {
            if (tuple.Items.Count != fields.Count)
            {
                throw new RuleLoadException(LoadCode.ErrValidate, "Fields and values lists must have equal length", exception.Context);
            }
            var checks = new List<string>();
            for (var k = 0; k < fields.Count; k++)
            {
                var element = tuple.Items[k];
                string value;
                if (element.IsList)
                {
                    value = "(" + string.Join(", ", element.Items.Select(v => ListSubstitution.QuoteItem(v.Item))) + ")";
                }
                else if (ExceptionComps.TakesList(comps[k].Item))
                {
                    value = element.Item.StartsWith('(') ? element.Item : $"({element.Item})";
                }
                else
                {
                    value = ListSubstitution.QuoteItem(element.Item);
                }
                checks.Add($" {fields[k].Item} {comps[k].Item} {value}");
                exceptionFields.Add(fields[k].Item);
            }
            tuples.Add("(" + string.Join(" and ", checks) + ")");
        }
        return tuples.Count == 0 ? "" : "(" + string.Join(" or ", tuples) + ")";
    }
}
