namespace Falco.Actors.Rules.Loading.Schema;

/// <summary>
/// The JSON schema of rules files (<c>rules.schema.json</c>, embedded; Falco's is rule_json_schema.h). Each YAML
/// document of a rules file is checked against it when the file is read; a mismatch is a warning, never an error,
/// as in Falco, which reports it as the file's "schema validation" status.
/// </summary>
public static class RulesSchema
{
    public static YamlSchema Schema { get; } =
        YamlSchema.FromResource(typeof(RulesSchema).Assembly, "Falco.Actors.Rules.rules.schema.json");
}
