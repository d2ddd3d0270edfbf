using System.Text.Json;
using Falco.Actors.Rules.Loading;
using Falco.Actors.Rules.Loading.Schema;

namespace Falco.Actors.Rules.Tests.Loading;

/// <summary>Every rules file read is checked against the rules schema: mismatches are warnings of their own, never errors.</summary>
public class RulesSchemaTests
{
    private static FileLoadResult Load(string yaml) =>
        new RulesLoader().LoadContent("rules.yaml", yaml).Files.Single();

    [Fact]
    public void A_file_that_matches_the_schema_is_ok()
    {
        var file = Load("""
            - required_engine_version: 10
            - required_plugin_versions:
                - name: json
                  version: 0.7.0
                  alternatives: [{name: other, version: 1.0.0}]
            - list: names
              items: [a, 1, "b c"]
            - macro: m
              condition: evt.num > 0
            - rule: r
              desc: d
              condition: m and evt.num in (names)
              output: n=%evt.num
              priority: Warning
              enabled: yes
              tags: [t]
              exceptions:
                - name: e
                  fields: [evt.num]
                  values: [[1]]
              override: {condition: append}
            """);

        Assert.Empty(file.SchemaWarnings);
        Assert.Equal("ok", file.SchemaValidation);
    }

    [Fact]
    public void A_mismatch_is_a_warning_with_file_line_column_and_path_and_the_file_still_loads()
    {
        var result = new RulesLoader().LoadContent("rules.yaml", """
            - macro: m
              condition: evt.num > 0
            - rule: r
              desc: d
              condition: m
              output: o
              priority: SEVERE
              enabled: perhaps
              tags: t
            """);

        var file = result.Files.Single();
        Assert.Equal(
            [
                "rules.yaml:7:13: schema validation failed: [1].priority: expected one of emergency, alert, critical, error, warning, notice, informational, info, debug, got 'SEVERE'",
                "rules.yaml:8:12: schema validation failed: [1].enabled: expected a boolean (true or false), got 'perhaps'",
                "rules.yaml:9:9: schema validation failed: [1].tags: expected a list, got 't'",
            ],
            file.SchemaWarnings.Select(w => w.ToString()));
        Assert.StartsWith("failed for [1].priority: expected one of", file.SchemaValidation);
        Assert.DoesNotContain(result.Messages, m => m.Message.Contains("schema"));
    }

    [Fact]
    public void An_unknown_key_and_a_missing_required_key_are_mismatches()
    {
        var file = Load("""
            - required_plugin_versions:
                - name: json
            - list: l
              itemz: [a]
              items: []
            """);

        Assert.Equal(["[0].required_plugin_versions[0]: missing required key 'version'", "[1].itemz: unknown key"],
            file.SchemaWarnings.Select(w => $"{w.Path}: {w.Message}"));
    }

    [Fact]
    public void The_schema_is_draft_06_json_of_a_list_of_items()
    {
        using var json = JsonDocument.Parse(RulesSchema.Schema.Text);

        Assert.Equal("http://json-schema.org/draft-06/schema#", json.RootElement.GetProperty("$schema").GetString());
        Assert.Equal("array", json.RootElement.GetProperty("type").GetString());
    }
}
