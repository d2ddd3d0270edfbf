namespace Falco.Actors.Plugins.Json;

/// <summary>Who the json plugin is (get_name, get_version, ...): an extractor for events of every source.</summary>
public static class JsonPluginIdentity
{
    public const string Name = "json";
    public const string Version = "0.7.4";
    public const string Description = "Extract values from any JSON payload";
    public const string Contact = "github.com/falcosecurity/plugins/";

    /// <summary>Init config: only <c>useAsync</c> is known, and it changes nothing here.</summary>
    public const string InitSchema = """
        {
          "$schema": "http://json-schema.org/draft-04/schema#",
          "type": "object",
          "properties": {
            "useAsync": {
              "type": "boolean",
              "description": "If true, then async extraction optimization is enabled (Default: true)"
            }
          },
          "additionalProperties": true
        }
        """;
}
