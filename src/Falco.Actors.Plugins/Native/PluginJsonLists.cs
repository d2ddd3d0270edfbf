using System.Text.Json;
using Falco.Actors.Plugins.Abstractions;

namespace Falco.Actors.Plugins.Native;

/// <summary>The small JSON documents plugins return: string lists (§5.4) and open parameters (§5.2).</summary>
public static class PluginJsonLists
{
    /// <summary>A JSON array of strings; NULL, "" and [] mean "not specified" (empty); empty strings are skipped.</summary>
    public static IReadOnlyList<string> StringList(string? json, string where, string function)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        using var doc = ParseDocument(json, where, function);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new PluginException($"{where}: {function}: is not a JSON array of strings");
        }
        var list = new List<string>();
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.String)
            {
                throw new PluginException($"{where}: {function}: is not a JSON array of strings");
            }
            if (e.GetString() is { Length: > 0 } s)
            {
                list.Add(s);
            }
        }
        return list;
    }

    /// <summary>list_open_params: an array of {value, desc, separator}; "" means no suggestions.</summary>
    public static IReadOnlyList<OpenParam> OpenParams(string? json, string where)
    {
        const string function = "list_open_params";
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        using var doc = ParseDocument(json, where, function);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new PluginException($"{where}: {function}: is not a JSON array");
        }
        var list = new List<OpenParam>();
        var i = 0;
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            var value = e.ValueKind == JsonValueKind.Object ? Member(e, "value") : null;
            if (string.IsNullOrEmpty(value))
            {
                throw new PluginException($"{where}: {function}: entry #{i} has no 'value'");
            }
            list.Add(new OpenParam(value, Member(e, "desc") ?? "", Member(e, "separator") ?? ""));
            i++;
        }
        return list;
    }

    private static string? Member(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static JsonDocument ParseDocument(string json, string where, string function)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new PluginException($"{where}: {function}: is not valid JSON: {e.Message}");
        }
    }
}
