using System.Text.Json;
using Falco.Actors.Rules.Loading;

namespace Falco.Actors.Cli.Commands;

/// <summary>
/// One rules file's load result as Falco's <c>-V</c> prints it with <c>json_output</c> (its <c>load_result::as_json</c>):
/// <c>name</c>, <c>successful</c>, <c>errors</c> and <c>warnings</c>, each message with its <c>context</c> (the item's
/// location and a snippet of the file), <c>code</c>, <c>codedesc</c> and <c>message</c>.
/// </summary>
internal static class LoadResultJson
{
    public static void Write(Utf8JsonWriter json, FileLoadResult file)
    {
        var lines = ReadLines(file.Name);
        json.WriteStartObject();
        json.WriteString("name", file.Name);
        json.WriteBoolean("successful", file.Successful);
        WriteMessages(json, "errors", file.Messages.Where(m => m.IsError), lines);
        WriteMessages(json, "warnings", file.Messages.Where(m => !m.IsError), lines);
        json.WriteEndObject();
    }

    private static void WriteMessages(Utf8JsonWriter json, string name, IEnumerable<LoadMessage> messages, string[]? lines)
    {
        json.WriteStartArray(name);
        foreach (var message in messages)
        {
            var (type, item) = SplitItem(message.Item, message.Location);
            json.WriteStartObject();
            json.WriteStartObject("context");
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteString("item_type", type);
            json.WriteString("item_name", item);
            json.WriteStartObject("position");
            json.WriteString("name", message.Location.File);
            json.WriteNumber("line", message.Location.Line);
            json.WriteNumber("column", message.Location.Column);
            json.WriteNumber("offset", Offset(lines, message.Location));
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteString("snippet", Snippet(lines, message.Location));
            json.WriteEndObject();
            json.WriteString("code", message.Code.Name());
            // Falco's codedesc is its short description of the code (load_result::error_desc returns that string).
            json.WriteString("codedesc", message.Code.Title());
            json.WriteString("message", message.Message);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>Our item text is <c>rule 'name'</c> (or empty for the file); Falco reports type and name apart.</summary>
    private static (string Type, string Name) SplitItem(string item, FileLocation location)
    {
        if (item.Length == 0)
        {
            return location.Line == 0 ? ("file", "") : ("item", "");
        }
        var quote = item.IndexOf(" '", StringComparison.Ordinal);
        return quote < 0 || !item.EndsWith('\'')
            ? (item, "")
            : (item[..quote], item[(quote + 2)..^1]);
    }

    private static string[]? ReadLines(string file)
    {
        try
        {
            return File.Exists(file) ? File.ReadAllText(file).Split('\n') : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long Offset(string[]? lines, FileLocation at)
    {
        if (lines is null || at.Line < 1)
        {
            return 0;
        }
        long offset = 0;
        for (var i = 0; i < at.Line - 1 && i < lines.Length; i++)
        {
            offset += lines[i].Length + 1;
        }
        return offset + Math.Max(0, at.Column - 1);
    }

    /// <summary>The line the message points at and a caret under its column, as Falco's snippet marks the place.</summary>
    private static string Snippet(string[]? lines, FileLocation at)
    {
        if (lines is null || at.Line < 1 || at.Line > lines.Length)
        {
            return "<No context available>\n";
        }
        var line = lines[at.Line - 1].TrimEnd('\r');
        return $"{line}\n{new string(' ', Math.Max(0, at.Column - 1))}^\n";
    }
}
