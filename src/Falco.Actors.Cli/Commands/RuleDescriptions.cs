using System.Text;
using System.Text.Json;
using Falco.Actors.Cli.Text;
using Falco.Actors.Rules;
using Falco.Actors.Rules.Filter.Ast;
using Falco.Actors.Rules.Filter.Parsing;
using Falco.Actors.Rules.Loading;
using Falco.Actors.Rules.Output;

namespace Falco.Actors.Cli.Commands;

/// <summary>
/// What <c>-L</c> and <c>-l</c> print (Falco's describe_rule): a two-column text table of names and wrapped
/// descriptions, or with <c>json_output</c> a JSON document with each rule's info and details (macros and lists it
/// uses as written, the operators and fields of its expanded condition, its output and exception fields), plus for
/// <c>-L</c> the required versions, macros and lists.
/// </summary>
public static class RuleDescriptions
{
    public static string AsText(IEnumerable<LoadedRule> rules)
    {
        var s = new StringBuilder();
        s.Append(TwoColumns("Rule", "Description"));
        s.Append(TwoColumns("----", "-----------"));
        foreach (var rule in rules)
        {
            s.Append(TwoColumns(rule.Name, FalcoTextWrap.Wrap(rule.Description, 51, 110) + "\n"));
        }
        return s.ToString();
    }

    public static string AsJson(RulesLoadResult result, IReadOnlyList<LoadedRule> rules, bool everything)
    {
        var macroNames = result.Macros.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var listNames = result.Lists.Select(l => l.Name).ToHashSet(StringComparer.Ordinal);
        return JsonText.Document(json =>
        {
            json.WriteStartObject();
            if (everything)
            {
                json.WriteString("required_engine_version", result.RequiredEngineVersion?.ToString() ?? "0.0.0");
                json.WriteStartArray("required_plugin_versions");
                foreach (var group in result.RequiredPluginVersions)
                {
                    json.WriteStartObject();
                    json.WriteString("name", group.Alternatives[0].Name);
                    json.WriteString("version", group.Alternatives[0].Version);
                    json.WriteStartArray("alternatives");
                    foreach (var alternative in group.Alternatives.Skip(1))
                    {
                        json.WriteStartObject();
                        json.WriteString("name", alternative.Name);
                        json.WriteString("version", alternative.Version);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteStartArray("rules");
            foreach (var rule in rules)
            {
                WriteRule(json, rule, macroNames, listNames);
            }
            json.WriteEndArray();
            if (everything)
            {
                json.WriteStartArray("macros");
                foreach (var macro in result.Macros)
                {
                    json.WriteStartObject();
                    json.WriteStartObject("info");
                    json.WriteString("name", macro.Name);
                    json.WriteString("condition", macro.Condition);
                    json.WriteEndObject();
                    json.WriteStartObject("details");
                    json.WriteBoolean("used", macro.Used);
                    WriteConditionDetails(json, macro.ConditionAst);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteStartArray("lists");
                foreach (var list in result.Lists)
                {
                    json.WriteStartObject();
                    json.WriteStartObject("info");
                    json.WriteString("name", list.Name);
                    Strings(json, "items", list.Items);
                    json.WriteEndObject();
                    json.WriteStartObject("details");
                    json.WriteBoolean("used", list.Used);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        });
    }

    private static void WriteRule(Utf8JsonWriter json, LoadedRule rule, HashSet<string> macros, HashSet<string> lists)
    {
        json.WriteStartObject();
        json.WriteStartObject("info");
        json.WriteString("name", rule.Name);
        json.WriteString("condition", rule.Condition);
        json.WriteString("priority", rule.Priority.ToName());
        json.WriteString("output", rule.Output);
        json.WriteString("description", rule.Description);
        json.WriteBoolean("enabled", rule.Enabled);
        json.WriteString("source", rule.Source);
        Strings(json, "tags", rule.Tags);
        json.WriteEndObject();

        json.WriteStartObject("details");
        var (usedMacros, usedLists) = References(rule.Condition, macros, lists);
        Strings(json, "macros", usedMacros);
        Strings(json, "lists", usedLists);
        Strings(json, "condition_operators", Operators(rule.ConditionAst));
        Strings(json, "condition_fields", Fields(rule.ConditionAst));
        Strings(json, "output_fields", OutputFields(rule.Output));
        Strings(json, "exception_fields", rule.ExceptionFields.Order(StringComparer.Ordinal));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteConditionDetails(Utf8JsonWriter json, AstNode ast)
    {
        Strings(json, "condition_operators", Operators(ast));
        Strings(json, "condition_fields", Fields(ast));
    }

    /// <summary>The macros and lists a condition names as written (before expansion).</summary>
    private static (IEnumerable<string> Macros, IEnumerable<string> Lists) References(string condition, HashSet<string> macros, HashSet<string> lists)
    {
        AstNode ast;
        try
        {
            ast = FilterParser.Parse(condition);
        }
        catch (FilterParseException)
        {
            return ([], []);
        }
        var usedMacros = new SortedSet<string>(StringComparer.Ordinal);
        var usedLists = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var node in AstTraversal.PreOrder(ast))
        {
            switch (node)
            {
                case IdentifierExpr id when macros.Contains(id.Name):
                    usedMacros.Add(id.Name);
                    break;
                case IdentifierExpr id when lists.Contains(id.Name):
                    usedLists.Add(id.Name);
                    break;
                case ListExpr list:
                    usedLists.UnionWith(list.Values.Where(lists.Contains));
                    break;
                case ValueExpr value when lists.Contains(value.Value):
                    usedLists.Add(value.Value);
                    break;
            }
        }
        return (usedMacros, usedLists);
    }

    private static IEnumerable<string> Operators(AstNode ast) => AstTraversal.PreOrder(ast)
        .Select(n => n switch { BinaryCheckExpr b => b.Operator, UnaryCheckExpr u => u.Operator, _ => null })
        .OfType<string>().Distinct().Order(StringComparer.Ordinal);

    private static IEnumerable<string> Fields(AstNode ast) => AstTraversal.PreOrder(ast)
        .OfType<FieldExpr>().Select(f => f.Arg is null ? f.Field : $"{f.Field}[{f.Arg}]")
        .Distinct().Order(StringComparer.Ordinal);

    private static IEnumerable<string> OutputFields(string output)
    {
        try
        {
            return OutputTemplate.Parse(output, _ => null).Fields.Select(f => f.Name).Distinct();
        }
        catch (OutputTemplateException)
        {
            return [];
        }
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }

    /// <summary>Falco's <c>%-50s %s</c> line.</summary>
    private static string TwoColumns(string left, string right) => $"{left,-50} {right}\n";
}
