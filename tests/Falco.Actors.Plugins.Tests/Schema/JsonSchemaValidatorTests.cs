using Falco.Actors.Plugins.Schema;

namespace Falco.Actors.Plugins.Tests.Schema;

public class JsonSchemaValidatorTests
{
    // In the shape Go's jsonschema reflector gives a plugin config struct (as cloudtrail's PluginConfig): a root
    // $ref into definitions, nested $ref, annotations (title, description, default) that do not validate.
    private const string CloudTrailStyle = """
        {
          "$schema": "http://json-schema.org/draft-04/schema#",
          "$ref": "#/definitions/PluginConfig",
          "definitions": {
            "PluginConfig": {
              "properties": {
                "s3DownloadConcurrency": { "type": "integer", "title": "S3 download concurrency", "description": "Controls the number of background goroutines", "default": 32, "minimum": 1 },
                "sqsDelete": { "type": "boolean", "title": "Delete SQS messages", "default": true },
                "useAsync": { "type": "boolean", "default": true },
                "s3Interval": { "type": "string", "default": "" },
                "s3AccountList": { "type": "string", "pattern": "^(?: *\\d{12} *,?)*$" },
                "aws": { "$ref": "#/definitions/PluginConfigAWS" }
              },
              "additionalProperties": false,
              "type": "object"
            },
            "PluginConfigAWS": {
              "properties": {
                "profile": { "type": "string" },
                "region": { "type": "string", "minLength": 1 }
              },
              "additionalProperties": false,
              "type": "object"
            }
          }
        }
        """;

    private static SchemaViolation? Check(string schema, string config) => JsonSchemaValidator.Parse(schema).Validate(config);

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"s3DownloadConcurrency":64,"sqsDelete":false,"aws":{"profile":"dev","region":"eu-west-1"}}""")]
    [InlineData("""{"s3AccountList":"123456789012, 210987654321"}""")]
    public void A_real_plugin_style_schema_accepts_valid_configs(string config) =>
        Assert.Null(Check(CloudTrailStyle, config));

    [Theory]
    [InlineData("""{"sqsDelete":"yes"}""", "/sqsDelete", "expected boolean, found string")]
    [InlineData("""{"s3DownloadConcurrency":1.5}""", "/s3DownloadConcurrency", "expected integer, found number")]
    [InlineData("""{"s3DownloadConcurrency":0}""", "/s3DownloadConcurrency", "0 is less than the minimum 1")]
    [InlineData("""{"aws":{"region":""}}""", "/aws/region", "string is shorter than the minimum length 1")]
    [InlineData("""{"aws":{"regoin":"x"}}""", "/aws/regoin", "property 'regoin' is not allowed")]
    [InlineData("""{"s3AccountList":"12345"}""", "/s3AccountList", "\"12345\" does not match the pattern ^(?: *\\d{12} *,?)*$")]
    [InlineData("[]", "", "expected object, found array")]
    public void A_real_plugin_style_schema_rejects_with_the_property_path(string config, string path, string message)
    {
        var violation = Check(CloudTrailStyle, config);
        Assert.NotNull(violation);
        Assert.Equal(path, violation.Path);
        Assert.Equal(message, violation.Message);
    }

    [Fact]
    public void Required_enum_items_and_bounds()
    {
        const string schema = """
            {
              "$defs": { "level": { "enum": ["low", "high"] } },
              "type": "object",
              "required": ["name", "levels"],
              "properties": {
                "name": { "type": "string", "maxLength": 3 },
                "levels": { "type": "array", "items": { "$ref": "#/$defs/level" }, "minItems": 1 },
                "ratio": { "type": "number", "maximum": 1, "exclusiveMinimum": 0 }
              }
            }
            """;
        Assert.Null(Check(schema, """{"name":"ab","levels":["low","high"],"ratio":0.5}"""));
        Assert.Equal(new SchemaViolation("", "required property 'levels' is missing"), Check(schema, """{"name":"ab"}"""));
        Assert.Equal(new SchemaViolation("/levels/1", "\"mid\" is not one of \"low\", \"high\""),
            Check(schema, """{"name":"ab","levels":["low","mid"]}"""));
        Assert.Equal(new SchemaViolation("/levels", "array has fewer than 1 items"), Check(schema, """{"name":"ab","levels":[]}"""));
        Assert.Equal(new SchemaViolation("/name", "string is longer than the maximum length 3"),
            Check(schema, """{"name":"abcd","levels":["low"]}"""));
        Assert.Equal(new SchemaViolation("/ratio", "0 must be greater than 0"),
            Check(schema, """{"name":"a","levels":["low"],"ratio":0}"""));
        Assert.Equal(new SchemaViolation("/ratio", "2 is greater than the maximum 1"),
            Check(schema, """{"name":"a","levels":["low"],"ratio":2}"""));
    }

    [Fact]
    public void AnyOf_oneOf_allOf_and_additional_property_schemas()
    {
        const string schema = """
            {
              "type": "object",
              "properties": {
                "port": { "anyOf": [ { "type": "integer", "minimum": 1, "maximum": 65535 }, { "type": "string", "pattern": "^[0-9]+$" } ] },
                "mode": { "oneOf": [ { "type": "string" }, { "type": ["string", "null"] } ] },
                "tag": { "allOf": [ { "type": "string" }, { "minLength": 2 } ] }
              },
              "additionalProperties": { "type": "boolean" }
            }
            """;
        Assert.Null(Check(schema, """{"port":8080,"tag":"ab","debug":true}"""));
        Assert.Null(Check(schema, """{"port":"8080","mode":null}"""));
        var port = Check(schema, """{"port":true}""");
        Assert.Equal("/port", port!.Path);
        Assert.StartsWith("matches none of the anyOf schemas", port.Message);
        Assert.Equal(new SchemaViolation("/mode", "matches 2 of the oneOf schemas, exactly one is allowed"),
            Check(schema, """{"mode":"x"}"""));
        Assert.Equal(new SchemaViolation("/tag", "string is shorter than the minimum length 2"), Check(schema, """{"tag":"a"}"""));
        Assert.Equal(new SchemaViolation("/debug", "expected boolean, found integer"), Check(schema, """{"debug":1}"""));
    }

    [Fact]
    public void Object_size_tuple_items_unique_items_const_and_not()
    {
        const string schema = """
            {
              "minProperties": 1, "maxProperties": 2,
              "properties": {
                "pair": { "type": "array", "items": [ { "type": "string" }, { "type": "integer" } ] },
                "set": { "type": "array", "uniqueItems": true },
                "kind": { "const": "fixed" },
                "name": { "not": { "enum": ["root"] } }
              }
            }
            """;
        Assert.Null(Check(schema, """{"pair":["a",1,true],"set":[1,2]}"""));
        Assert.Equal(new SchemaViolation("", "object has fewer than 1 properties"), Check(schema, "{}"));
        Assert.Equal(new SchemaViolation("", "object has more than 2 properties"), Check(schema, """{"set":[],"kind":"fixed","name":"x"}"""));
        Assert.Equal(new SchemaViolation("/pair/1", "expected integer, found string"), Check(schema, """{"pair":["a","b"]}"""));
        Assert.Equal(new SchemaViolation("/set", "items must be unique (1 repeats)"), Check(schema, """{"set":[1,2,1]}"""));
        Assert.Equal(new SchemaViolation("/kind", "must be \"fixed\""), Check(schema, """{"kind":"other"}"""));
        Assert.Equal(new SchemaViolation("/name", "must not match the 'not' schema"), Check(schema, """{"name":"root"}"""));
    }

    [Fact]
    public void Property_names_are_escaped_in_paths()
    {
        const string schema = """{ "properties": { "a/b": { "type": "string" } } }""";
        Assert.Equal("/a~1b", Check(schema, """{"a/b":1}""")!.Path);
    }

    [Fact]
    public void Unusable_schemas_are_reported()
    {
        Assert.Throws<JsonSchemaException>(() => JsonSchemaValidator.Parse("not json"));
        Assert.Throws<JsonSchemaException>(() => JsonSchemaValidator.Parse("[1]"));
        var dangling = JsonSchemaValidator.Parse("""{ "$ref": "#/definitions/Missing" }""");
        var e = Assert.Throws<JsonSchemaException>(() => dangling.Validate("{}"));
        Assert.Equal("'$ref' '#/definitions/Missing' points at nothing in the schema", e.Message);
        var cycle = JsonSchemaValidator.Parse("""{ "$ref": "#" }""");
        Assert.Throws<JsonSchemaException>(() => cycle.Validate("{}"));
    }

    [Fact]
    public void Invalid_json_config_is_a_violation_at_the_root()
    {
        var violation = Check("""{"type":"object"}""", "{nope");
        Assert.Equal("", violation!.Path);
        Assert.StartsWith("not valid JSON", violation.Message);
    }
}
