using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Falco.Actors.Rules.Filter.Compilation;
using Falco.Actors.Rules.Filter.Evaluation;
using Falco.Actors.Rules.RuleSets;

namespace Falco.Actors.Rules.Output;

/// <summary>
/// Turns a matched rule and the event in an <see cref="EvalContext"/> into an <see cref="Alert"/>, as falco's
/// <c>falco_formats::format_event</c>: the prefix <c>%evt.time: Priority</c> (or <c>%evt.time.iso8601</c>), a blank,
/// the rule output (always with <c>*</c>, so missing values are <c>&lt;NA&gt;</c>), and with JSON output the object
/// <c>hostname, [message], output, output_fields, priority, rule, source, tags, time</c> with keys in nlohmann's
/// sorted order. One formatter per source (it compiles with that source's compiler); not thread-safe.
/// </summary>
public sealed class AlertFormatter
{
    private readonly OutputOptions _options;
    private readonly CompiledOutput _prefix;
    private readonly StringBuilder _text = new();
    private readonly ArrayBufferWriter<byte> _jsonBuffer = new();
    private readonly Utf8JsonWriter _jsonWriter;

    private readonly StringBuilder _fieldText = new();

    // The sorted output_fields entries of each rule: they depend only on the rule and the fixed options.
    private readonly Dictionary<CompiledRule, OutputField[]> _outputFields = new(ReferenceEqualityComparer.Instance);

    // An output_fields entry: a typed value, or (an append_output format) a text.
    private readonly record struct OutputField(string Name, CompiledValue? Value, CompiledOutput? Text);

    public AlertFormatter(FilterCompiler compiler, OutputOptions options)
    {
        _options = options;
        Source = compiler.Registry.Source;
        _prefix = CompiledOutput.Compile(options.TimeFormatIso8601 ? "*%evt.time.iso8601" : "*%evt.time", compiler);
        _jsonWriter = new Utf8JsonWriter(_jsonBuffer,
            new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
    }

    public string Source { get; }

    /// <summary>Formats the alert of <paramref name="rule"/> for the event <paramref name="ctx"/> holds.</summary>
    public Alert Format(CompiledRule rule, EvalContext ctx)
    {
        _text.Clear();
        _prefix.TryRender(ctx, _text);
        _text.Append(": ").Append(rule.Priority.ToName());
        var prefixLength = _text.Length;
        _text.Append(' ');
        rule.Output.TryRender(ctx, _text);
        var output = _text.ToString();
        var message = output[(prefixLength + 1)..];
        string? json = null;
        string line;
        if (_options.JsonOutput)
        {
            json = FormatJson(rule, ctx, output, message);
            line = json;
        }
        else
        {
            AlertTextEscaping.EscapeControls(_text);
            line = _text.ToString();
        }
        return new Alert(rule.Name, rule.Priority, Source, rule.Tags, ctx.Event.TimestampNs, _options.Hostname,
            output, message, line, json);
    }

    private string FormatJson(CompiledRule rule, EvalContext ctx, string output, string message)
    {
        var o = _options;
        var sb = new StringBuilder(output.Length * 2 + 256);
        sb.Append('{');
        Key(sb, "hostname", first: true);
        JsonText.AppendString(sb, o.Hostname);
        if (o.JsonIncludeMessageProperty)
        {
            Key(sb, "message");
            JsonText.AppendString(sb, message);
        }
        if (o.JsonIncludeOutputProperty)
        {
            Key(sb, "output");
            JsonText.AppendString(sb, output);
        }
        if (o.JsonIncludeOutputFieldsProperty)
        {
            Key(sb, "output_fields");
            AppendOutputFields(sb, rule, ctx);
        }
        Key(sb, "priority");
        JsonText.AppendString(sb, rule.Priority.ToName());
        Key(sb, "rule");
        JsonText.AppendString(sb, rule.Name);
        Key(sb, "source");
        JsonText.AppendString(sb, Source);
        if (o.JsonIncludeTagsProperty)
        {
            Key(sb, "tags");
            sb.Append('[');
            for (var i = 0; i < rule.Tags.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }
                JsonText.AppendString(sb, rule.Tags[i]);
            }
            sb.Append(']');
        }
        Key(sb, "time");
        JsonText.AppendString(sb, TimeFormats.JsonTime(ctx.Event.TimestampNs));
        sb.Append('}');
        return sb.ToString();
    }

    // The message's fields, the prefix's time field and the rule's append_output extra fields, keyed and sorted
    // like nlohmann's std::map.
    private void AppendOutputFields(StringBuilder sb, CompiledRule rule, EvalContext ctx)
    {
        if (!_outputFields.TryGetValue(rule, out var fields))
        {
            fields = SortedOutputFields(rule);
            _outputFields.Add(rule, fields);
        }
        sb.Append('{');
        var first = true;
        foreach (var field in fields)
        {
            Key(sb, field.Name, first);
            first = false;
            if (field.Text is { } text)
            {
                _fieldText.Clear();
                text.TryRender(ctx, _fieldText);
                JsonText.AppendString(sb, _fieldText.ToString());
            }
            else
            {
                AppendValue(sb, field.Value!, ctx);
            }
        }
        sb.Append('}');
    }

    // A later field of the same name wins (the prefix's time field over the message's, then an extra field, as
    // Falco sets them after the formatter's).
    private OutputField[] SortedOutputFields(CompiledRule rule)
    {
        var fields = new SortedDictionary<string, OutputField>(StringComparer.Ordinal);
        foreach (var f in rule.Output.Fields.Concat(_prefix.Fields))
        {
            if (!f.HasTransformers || _options.IncludeTransformedFields)
            {
                fields[f.Name] = new OutputField(f.Name, f.Value, null);
            }
        }
        foreach (var extra in rule.ExtraFields)
        {
            fields[extra.Name] = new OutputField(extra.Name, extra.Value, extra.Text);
        }
        return [.. fields.Values];
    }

    private void AppendValue(StringBuilder sb, CompiledValue value, EvalContext ctx)
    {
        _jsonBuffer.ResetWrittenCount();
        _jsonWriter.Reset();
        try
        {
            value.WriteJson(ctx, _jsonWriter);
            _jsonWriter.Flush();
        }
        catch (ArgumentException)
        {
            // Invalid UTF-8 in a string value: write its text, decoded with U+FFFD replacements.
            var text = new StringBuilder();
            value.TryFormat(ctx, text);
            JsonText.AppendString(sb, text.ToString());
            return;
        }
        JsonText.AppendJsonValue(sb, _jsonBuffer.WrittenSpan);
    }

    private static void Key(StringBuilder sb, string key, bool first = false)
    {
        if (!first)
        {
            sb.Append(',');
        }
        JsonText.AppendString(sb, key);
        sb.Append(':');
    }
}
