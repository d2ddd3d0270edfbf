using System.Text;
using System.Text.Json;
using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Fields.Generic;

namespace Falco.Actors.Cli.Text;

/// <summary>
/// One class of fields as <c>--list</c> shows it (libsinsp filter_fieldclass_info): the generic <c>evt</c> class or a
/// plugin's <c>&lt;name&gt; (plugin)</c> class, the sources it serves and its fields (hidden ones are not shown).
/// </summary>
public sealed record FieldClass(string Name, string ShortDescription, string Description, IReadOnlyList<FieldInfo> Fields)
{
    private const int Column = 30;
    private const int Width = 120;

    /// <summary>Classes are the same when name and short description are (Falco's key).</summary>
    public string Key => Name + ShortDescription;

    public static FieldClass Of(FieldProvider provider, bool isGeneric) => isGeneric
        ? provider.Name == StaticFields.ProviderName
            // libs' sinsp_filter_check_static: falco.yaml's static_fields.
            ? new FieldClass(provider.Name, "", "Static, user-defined filters", provider.Fields)
            : new FieldClass(provider.Name, "All event types", "These fields can be used for all event types", provider.Fields)
        : new FieldClass($"{provider.Name} (plugin)", "", "", provider.Fields);

    /// <summary>Falco's text layout (<c>--list</c>), with each field's type when <paramref name="verbose"/>.</summary>
    public string AsText(bool verbose, IEnumerable<string> sources)
    {
        var s = new StringBuilder();
        s.Append("-------------------------------\n");
        s.Append("Field Class:".PadRight(Column)).Append(Name);
        if (ShortDescription.Length > 0)
        {
            s.Append(" (").Append(ShortDescription).Append(')');
        }
        s.Append('\n');
        if (Description.Length > 0)
        {
            s.Append("Description:".PadRight(Column));
            FalcoTextWrap.WrapInColumn(s, Description, Column, Width);
            s.Append('\n');
        }
        var sourceList = sources.ToList();
        if (sourceList.Count > 0)
        {
            s.Append("Event Sources:".PadRight(Column));
            foreach (var source in sourceList)
            {
                s.Append(source).Append(' ');
            }
            s.Append('\n');
        }
        s.Append('\n');
        foreach (var field in Fields.Where(f => !f.Properties.HasFlag(FieldProperties.Hidden)))
        {
            if (field.Name.Length > Column)
            {
                s.Append(field.Name).Append('\n').Append(' ', Column);
            }
            else
            {
                s.Append(field.Name.PadRight(Column));
            }
            var description = field.Description;
            var tags = Tags(field);
            if (tags.Count > 0)
            {
                description = $"({string.Join(',', tags)}) {description}";
            }
            if (verbose)
            {
                description = $"(Type: {TypeName(field.Type)}) {description}";
            }
            FalcoTextWrap.WrapInColumn(s, description, Column, Width);
            s.Append('\n');
        }
        return s.ToString();
    }

    /// <summary>Falco's Markdown layout (<c>--list --markdown</c>).</summary>
    public string AsMarkdown(IEnumerable<string> sources)
    {
        var s = new StringBuilder();
        s.Append("## Field Class: ").Append(Name).Append("\n\n");
        if (Description.Length > 0)
        {
            s.Append(Description).Append("\n\n");
        }
        var sourceList = sources.ToList();
        if (sourceList.Count > 0)
        {
            s.Append("Event Sources: ");
            foreach (var source in sourceList)
            {
                s.Append(source).Append(' ');
            }
            s.Append("\n\n");
        }
        s.Append("Name | Type | Description\n");
        s.Append(":----|:-----|:-----------\n");
        foreach (var field in Fields.Where(f => !f.Properties.HasFlag(FieldProperties.Hidden)))
        {
            var type = field.IsList ? $"LIST({TypeName(field.Type)})" : TypeName(field.Type);
            s.Append('`').Append(field.Name).Append("` | ").Append(type).Append(" | ").Append(field.Description).Append('\n');
        }
        return s.ToString();
    }

    /// <summary>
    /// The class as one JSON object (<c>--list --format json</c>): the members of libsinsp's filter_fieldclass_info
    /// (<c>name</c>, <c>shortdesc</c>, <c>desc</c>), the sources it serves and each shown field with its type (the names
    /// of the text layout), whether it is a list, its tags and description.
    /// </summary>
    public void WriteJson(Utf8JsonWriter json, IEnumerable<string> sources)
    {
        json.WriteStartObject();
        json.WriteString("name", Name);
        json.WriteString("shortdesc", ShortDescription);
        json.WriteString("desc", Description);
        json.WriteStartArray("event_sources");
        foreach (var source in sources)
        {
            json.WriteStringValue(source);
        }
        json.WriteEndArray();
        json.WriteStartArray("fields");
        foreach (var field in Fields.Where(f => !f.Properties.HasFlag(FieldProperties.Hidden)))
        {
            json.WriteStartObject();
            json.WriteString("name", field.Name);
            json.WriteString("type", TypeName(field.Type));
            json.WriteBoolean("is_list", field.IsList);
            json.WriteStartArray("tags");
            foreach (var tag in Tags(field))
            {
                json.WriteStringValue(tag);
            }
            json.WriteEndArray();
            json.WriteString("desc", field.Description);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The names shown by <c>--list -N</c>.</summary>
    public IEnumerable<string> Names => Fields.Where(f => !f.Properties.HasFlag(FieldProperties.Hidden)).Select(f => f.Name);

    /// <summary>libsinsp's tags, sorted as its std::set sorts them.</summary>
    private static List<string> Tags(FieldInfo field)
    {
        var tags = new List<string>();
        if (field.Arg.IsRequired)
        {
            tags.Add("ARG_REQUIRED");
        }
        else if (field.Arg.IsAllowed)
        {
            tags.Add("ARG_ALLOWED");
        }
        if (field.IsList)
        {
            tags.Add("EPF_IS_LIST");
        }
        tags.Sort(StringComparer.Ordinal);
        return tags;
    }

    /// <summary>libsinsp's param_type_to_string names.</summary>
    public static string TypeName(FieldType type) => type switch
    {
        FieldType.String => "CHARBUF",
        FieldType.UInt64 => "UINT64",
        FieldType.Int64 => "INT64",
        FieldType.Bool => "BOOL",
        FieldType.RelTime => "RELTIME",
        FieldType.AbsTime => "ABSTIME",
        FieldType.IpAddr => "IPADDR",
        FieldType.IpNet => "IPNET",
        FieldType.ByteBuf => "BYTEBUF",
        _ => type.ToString().ToUpperInvariant(),
    };
}
