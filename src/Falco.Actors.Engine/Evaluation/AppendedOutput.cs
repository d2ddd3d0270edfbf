using System.Text;
using Falco.Actors.Engine.Configuration;
using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Filter.Compilation;
using Falco.Actors.Rules.Loading;
using Falco.Actors.Rules.Output;
using Falco.Actors.Rules.RuleSets;

namespace Falco.Actors.Engine.Evaluation;

/// <summary>
/// falco.yaml's <c>append_output</c> for the rules of one source, as Falco 0.44 applies it when rules compile: each
/// entry whose <c>match</c> fits a rule (its source, its name, every tag listed) appends, in entry order,
/// <c>" " + extra_output</c> and, with <c>suggested_output</c>, <c>" name_with_underscores=%name"</c> for each field of
/// the source flagged "suggested" (a plugin's <c>addOutput</c>, every <c>static_fields</c> field) to the rule's
/// output text, and adds <c>extra_fields</c> to its JSON <c>output_fields</c>. Every entry is compiled once against
/// the source's fields first, so a bad format is an error naming the entry, not a rule.
/// </summary>
public sealed class AppendedOutput
{
    private readonly List<Entry> _entries;

    private sealed record Entry(AppendOutputConfig Config, string Text, IReadOnlyList<ExtraOutputField> Fields);

    private AppendedOutput(List<Entry> entries) => _entries = entries;

    /// <summary>
    /// Compiles the entries that apply to <paramref name="compiler"/>'s source; throws
    /// <see cref="ConfigurationException"/> naming the entry and key when one cannot be compiled.
    /// </summary>
    public static AppendedOutput For(FalcoConfiguration config, FilterCompiler compiler)
    {
        var source = compiler.Registry.Source;
        var entries = new List<Entry>();
        for (var i = 0; i < config.AppendOutput.Count; i++)
        {
            var entry = config.AppendOutput[i];
            if (!string.IsNullOrEmpty(entry.Source) && entry.Source != source)
            {
                continue;
            }
            var text = new StringBuilder();
            if (entry.ExtraOutput.Length > 0)
            {
                Check(config, i, "extra_output", source, () => CompiledOutput.Compile("*" + entry.ExtraOutput, compiler));
                text.Append(' ').Append(entry.ExtraOutput);
            }
            if (entry.SuggestedOutput)
            {
                var suggested = SuggestedFormat(compiler.Registry);
                Check(config, i, "suggested_output", source, () => CompiledOutput.Compile("*" + suggested, compiler));
                text.Append(suggested);
            }
            var fields = new List<ExtraOutputField>(entry.ExtraFields.Count);
            for (var j = 0; j < entry.ExtraFields.Count; j++)
            {
                var field = entry.ExtraFields[j];
                fields.Add(Check(config, i, $"extra_fields[{j}]", source, () => field.Template is null
                    ? ExtraOutputField.Field(field.Name, compiler)
                    : ExtraOutputField.Format(field.Name, field.Template, compiler)));
            }
            entries.Add(new Entry(entry, text.ToString(), fields));
        }
        return new AppendedOutput(entries);
    }

    /// <summary>Compiles <paramref name="rule"/> with what the entries matching it add.</summary>
    public CompiledRule Compile(FilterCompiler compiler, LoadedRule rule, int order)
    {
        var text = new StringBuilder();
        var fields = new List<ExtraOutputField>();
        foreach (var entry in _entries.Where(e => Matches(e.Config, rule)))
        {
            text.Append(entry.Text);
            fields.AddRange(entry.Fields);
        }
        return CompiledRule.FromLoaded(compiler, rule, order, text.ToString(), fields);
    }

    // The source is checked when the entries are compiled; a rule must carry every tag the entry lists.
    private static bool Matches(AppendOutputConfig entry, LoadedRule rule) =>
        (string.IsNullOrEmpty(entry.Rule) || entry.Rule == rule.Name)
        && entry.Tags.All(tag => rule.Tags.Contains(tag, StringComparer.Ordinal));

    // Falco's format_suggested_field, for every suggested field in the order the source lists its fields.
    private static string SuggestedFormat(FieldRegistry registry)
    {
        var text = new StringBuilder();
        foreach (var field in registry.Fields.Where(f => f.Info.Properties.HasFlag(FieldProperties.AddOutput)))
        {
            text.Append(' ').Append(field.Info.Name.Replace('.', '_')).Append("=%").Append(field.Info.Name);
        }
        return text.ToString();
    }

    private static T Check<T>(FalcoConfiguration config, int index, string key, string source, Func<T> compile)
    {
        try
        {
            return compile();
        }
        catch (OutputTemplateException e)
        {
            var entry = config.AppendOutput[index];
            var where = entry.Location ?? new ConfigLocation(config.FilePath, 0, 0);
            throw new ConfigurationException(where, $"append_output[{index}].{key}",
                $"{e.Message} (compiled for the rules of source '{source}')", e);
        }
    }
}
