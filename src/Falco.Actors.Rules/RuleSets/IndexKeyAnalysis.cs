using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Filter.Ast;
using Falco.Actors.Rules.Filter.Language;
using Falco.Actors.Rules.Output;

namespace Falco.Actors.Rules.RuleSets;

/// <summary>
/// Finds the fields a (macro-resolved) condition pins to constants, so a rule need only run for events whose
/// field value is one of them. Sound by construction: a missing value fails every comparison (libs), and only
/// exact-equality checks on single-valued string fields count:
/// <list type="bullet">
/// <item><c>f = v</c>, <c>f == v</c> pin <c>f</c> to {v}; <c>f in (a, b)</c> to {a, b};</item>
/// <item><c>x and y</c> pins every field either side pins (to the intersection when both do);</item>
/// <item><c>x or y</c> pins only fields every side pins (to the union);</item>
/// <item>anything else (<c>not</c>, other operators, transformers, lists fields) pins nothing.</item>
/// </list>
/// </summary>
public static class IndexKeyAnalysis
{
    /// <summary>The fields <paramref name="condition"/> pins, by canonical field text.</summary>
    public static IReadOnlyDictionary<string, IndexKey> Analyze(AstNode condition, FieldRegistry fields)
    {
        var result = Pins(condition, fields);
        return result.ToDictionary(p => p.Key, p => new IndexKey(p.Key, p.Value.Field, p.Value.Values),
            StringComparer.Ordinal);
    }

    private sealed record Pin(FieldExpr Field, HashSet<string> Values);

    private static Dictionary<string, Pin> Pins(AstNode node, FieldRegistry fields)
    {
        switch (node)
        {
            case BinaryCheckExpr { Left: FieldExpr f } check when IsIndexable(f, fields):
                var values = (FilterOperators.Find(check.Operator)?.Op, check.Right) switch
                {
                    (CompareOp.Eq, ValueExpr v) => new HashSet<string>([v.Value], StringComparer.Ordinal),
                    (CompareOp.In, ListExpr l) => new HashSet<string>(l.Values, StringComparer.Ordinal),
                    _ => null,
                };
                return values is null
                    ? []
                    : new Dictionary<string, Pin>(StringComparer.Ordinal) { [OutputExpressionText.Of(f)] = new Pin(f, values) };
            case AndExpr and:
                var all = new Dictionary<string, Pin>(StringComparer.Ordinal);
                foreach (var child in and.Children)
                {
                    foreach (var (key, pin) in Pins(child, fields))
                    {
                        if (all.TryGetValue(key, out var existing))
                        {
                            existing.Values.IntersectWith(pin.Values);
                        }
                        else
                        {
                            all[key] = pin;
                        }
                    }
                }
                return all;
            case OrExpr or:
                Dictionary<string, Pin>? common = null;
                foreach (var child in or.Children)
                {
                    var pins = Pins(child, fields);
                    if (common is null)
                    {
                        common = pins;
                        continue;
                    }
                    foreach (var key in common.Keys.ToList())
                    {
                        if (pins.TryGetValue(key, out var pin))
                        {
                            common[key].Values.UnionWith(pin.Values);
                        }
                        else
                        {
                            common.Remove(key);
                        }
                    }
                }
                return common ?? [];
            default:
                return [];
        }
    }

    private static bool IsIndexable(FieldExpr field, FieldRegistry fields) =>
        fields.TryGet(field.Field, out var info) && info.Info.Type == FieldType.String && !info.Info.IsList;
}
