using System.Text.Json;
using Falco.Actors.Plugins.Abstractions;

namespace Falco.Actors.Plugins.Schema;

/// <summary>
/// Checks a plugin's init config before init, as libsinsp does: when the plugin publishes a JSON schema, an empty
/// config becomes <c>{}</c>, the config must be JSON, and it must conform to the schema (first violation reported).
/// A plugin without a schema gets its config unchanged and unchecked.
/// </summary>
public static class InitConfigValidator
{
    /// <summary>
    /// Returns the config text to pass to init; throws <see cref="PluginException"/> naming the plugin, its file and
    /// the offending property path.
    /// </summary>
    public static string Prepare(PluginInfo plugin, string? initConfig)
    {
        var config = initConfig ?? "";
        if (plugin.InitSchema is null)
        {
            return config;
        }
        if (string.IsNullOrWhiteSpace(config))
        {
            config = "{}";
        }
        JsonSchemaValidator validator;
        try
        {
            validator = JsonSchemaValidator.Parse(plugin.InitSchema);
        }
        catch (JsonSchemaException e)
        {
            throw new PluginException($"Plugin '{plugin.Name}' ({plugin.Location}): its init schema is unusable: {e.Message}", e);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(config);
        }
        catch (JsonException e)
        {
            throw new PluginException($"Plugin '{plugin.Name}' ({plugin.Location}): init config is not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            SchemaViolation? violation;
            try
            {
                violation = validator.Validate(document.RootElement);
            }
            catch (JsonSchemaException e)
            {
                throw new PluginException($"Plugin '{plugin.Name}' ({plugin.Location}): its init schema is unusable: {e.Message}", e);
            }
            if (violation is not null)
            {
                throw new PluginException(
                    $"Plugin '{plugin.Name}' ({plugin.Location}): init config does not conform to the plugin's schema {violation}");
            }
        }
        return config;
    }
}
