using Falco.Actors.Rules.Filter.Compilation;

namespace Falco.Actors.Rules.Output;

/// <summary>
/// An <c>output_fields</c> entry falco.yaml's <c>append_output</c> adds to a rule's JSON alerts (never to the text):
/// a field by its name (<c>- ct.region</c>), written as the rule's own output fields are (typed), or a named format
/// (<c>- account: "%ct.user.accountid"</c>), rendered as text with <c>&lt;NA&gt;</c> for missing values, as Falco's
/// <c>format_event</c> does. Compiled once, for one source.
/// </summary>
public sealed class ExtraOutputField
{
    private ExtraOutputField(string name, CompiledValue? value, CompiledOutput? text)
    {
        Name = name;
        Value = value;
        Text = text;
    }

    /// <summary>The key in <c>output_fields</c>.</summary>
    public string Name { get; }

    /// <summary>A plain field's value (null for a format).</summary>
    public CompiledValue? Value { get; }

    /// <summary>A format's template (null for a plain field).</summary>
    public CompiledOutput? Text { get; }

    /// <summary>A plain field (<c>ct.region</c>, <c>json.value[/a]</c>); throws <see cref="OutputTemplateException"/>.</summary>
    public static ExtraOutputField Field(string field, FilterCompiler compiler)
    {
        var output = CompiledOutput.Compile("*%" + field, compiler);
        if (output.Template.Tokens.Count != 1 || output.Fields.Count != 1)
        {
            throw new OutputTemplateException($"'{field}' is not a field name", 0);
        }
        return new ExtraOutputField(field, output.Fields[0].Value, null);
    }

    /// <summary>A named format; throws <see cref="OutputTemplateException"/>.</summary>
    public static ExtraOutputField Format(string name, string format, FilterCompiler compiler) =>
        new(name, null, CompiledOutput.Compile(format.StartsWith('*') ? format : "*" + format, compiler));
}
