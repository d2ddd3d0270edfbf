namespace Falco.Actors.CorpusGen.Catalog;

using System.Text.Json;

/// <summary>Short helpers for the nested shapes CloudTrail request/response bodies repeat.</summary>
public static class Json
{
    public static void Obj(Utf8JsonWriter w, string name, Action<Utf8JsonWriter> body)
    {
        w.WritePropertyName(name);
        w.WriteStartObject();
        body(w);
        w.WriteEndObject();
    }

    public static void Empty(Utf8JsonWriter w, string name)
    {
        w.WritePropertyName(name);
        w.WriteStartObject();
        w.WriteEndObject();
    }

    /// <summary>EC2's list shape: "name": {"items": [{"key": value}, ...]}.</summary>
    public static void Items(Utf8JsonWriter w, string name, string key, params string[] values)
    {
        w.WritePropertyName(name);
        w.WriteStartObject();
        w.WritePropertyName("items");
        w.WriteStartArray();
        foreach (string v in values)
        {
            w.WriteStartObject();
            w.WriteString(key, v);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void Strings(Utf8JsonWriter w, string name, params string[] values)
    {
        w.WritePropertyName(name);
        w.WriteStartArray();
        foreach (string v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    /// <summary>One element of the resources array.</summary>
    public static void Resource(Utf8JsonWriter w, string? accountId, string type, string arn)
    {
        w.WriteStartObject();
        if (accountId is not null) w.WriteString("accountId", accountId);
        w.WriteString("type", type);
        w.WriteString("ARN", arn);
        w.WriteEndObject();
    }
}
