using Falco.Actors.Rules.Loading.Schema;

namespace Falco.Actors.Engine.Configuration.Schema;

/// <summary>
/// The JSON schema of falco.yaml (<c>falco.schema.json</c>, embedded; Falco's is config_json_schema.h): every key
/// of Falco 0.44's falco.yaml plus <c>engine_actors</c>. Each configuration file is checked against it when it is
/// read, as Falco does; a mismatch (an unknown key where Falco's schema lists every key, a value of the wrong type)
/// is a warning naming the file, line, column and key, and loading goes on.
/// </summary>
public static class ConfigSchema
{
    private static readonly YamlSchema Schema =
        YamlSchema.FromResource(typeof(ConfigSchema).Assembly, "Falco.Actors.Engine.falco.schema.json");

    /// <summary>The schema as JSON text (<c>--config-schema</c>).</summary>
    public static string Text => Schema.Text;

    internal static YamlSchema Definition => Schema;

    /// <summary>
    /// The warnings for one file's tree, before anything is merged into it or overridden: its mismatches with the
    /// schema, then the notes of <see cref="NotApplicableKeys"/>.
    /// </summary>
    internal static IEnumerable<ConfigWarning> Check(ConfigDocument document) =>
        Schema.Validate(document.Root)
            .Select(p => new ConfigWarning(
                document.LocationOf(p.Node), p.Path.Length == 0 ? "<root>" : p.Path, $"schema validation failed: {p.Message}"))
            .Concat(NotApplicableKeys.Check(document));
}
