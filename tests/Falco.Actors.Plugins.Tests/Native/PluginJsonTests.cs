using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Native;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Tests.Native;

/// <summary>The get_fields, string-list and open-params documents (plugin-api §5) and API version rules (§6.3).</summary>
public sealed class PluginJsonTests
{
    private const string Where = "plugin 'p' (/p.so)";

    [Fact]
    public void Go_sdk_style_entries_with_nulls_and_empties_read_as_absent()
    {
        var fields = PluginFieldsJson.Parse("""
            [{"name":"a.b","type":"string","desc":"d","display":"","isList":false,
              "arg":{"isRequired":false,"isIndex":false,"isKey":false},"properties":null,"addOutput":false}]
            """, Where);
        Assert.Equal(new FieldInfo("a.b", FieldType.String, "d"), fields.Single());
    }

    [Fact]
    public void Arguments_lists_and_properties_are_read()
    {
        var f = PluginFieldsJson.Parse("""
            [{"name":"a.b","type":"ipnet","desc":"d","isList":true,"arg":{"isKey":true,"isIndex":true},
              "properties":["info","conversation","whatever"],"addOutput":true}]
            """, Where).Single();
        Assert.True(f.IsList);
        Assert.Equal(new FieldArgSpec(false, true, true), f.Arg);
        Assert.Equal(FieldProperties.Info | FieldProperties.Conversation | FieldProperties.AddOutput, f.Properties);
    }

    [Theory]
    [InlineData(null, "returned no document")]
    [InlineData("{}", "is not a JSON array")]
    [InlineData("[", "is not valid JSON")]
    [InlineData("[]", "declares no field (at least one is required)")]
    [InlineData("""[{"type":"string","desc":"d"}]""", "field #0 has no name")]
    [InlineData("""[{"name":"","type":"string","desc":"d"}]""", "field #0 has no name")]
    [InlineData("""[{"name":"a","desc":"d"}]""", "field #0 'a' has no type")]
    [InlineData("""[{"name":"a","type":"float","desc":"d"}]""", "field #0 'a' has unsupported type 'float'")]
    [InlineData("""[{"name":"a","type":"string"}]""", "field #0 'a' has no description (desc)")]
    [InlineData("""[{"name":"a","type":"string","desc":"d","isList":"yes"}]""", "field #0 'a': 'isList' is not a boolean")]
    [InlineData("""[{"name":"a","type":"string","desc":"d","arg":{"isRequired":true}}]""", "field #0 'a': arg is required but is neither an index nor a key")]
    [InlineData("""[{"name":"a","type":"string","desc":"d","arg":{"isKey":1}}]""", "field #0 'a' arg: 'isKey' is not a boolean")]
    [InlineData("""[{"name":"a","type":"string","desc":"d","properties":"hidden"}]""", "field #0 'a': 'properties' is not an array of strings")]
    [InlineData("""[{"name":"a","type":"string","desc":"d","properties":[1]}]""", "field #0 'a': 'properties' is not an array of strings")]
    [InlineData("""[1]""", "field #0 is not a JSON object")]
    public void Bad_documents_are_errors_naming_the_plugin_and_the_field(string? json, string reason)
    {
        var e = Assert.Throws<PluginException>(() => PluginFieldsJson.Parse(json, Where));
        Assert.StartsWith($"{Where}: get_fields: {reason}", e.Message);
    }

    [Fact]
    public void Api_0_fields_map_int64_and_arg_required()
    {
        var fields = PluginFieldsJson.Parse("""[{"name":"a","type":"int64","desc":"d","argRequired":true}]""", Where, apiMajor: 0);
        Assert.Equal(FieldType.Int64, fields[0].Type);
        Assert.Equal(new FieldArgSpec(true, false, true), fields[0].Arg);
    }

    [Theory]
    [InlineData(null, new string[0])]
    [InlineData("", new string[0])]
    [InlineData("[]", new string[0])]
    [InlineData("""["a","","b"]""", new[] { "a", "b" })]
    public void String_lists_treat_empty_as_unspecified(string? json, string[] expected) =>
        Assert.Equal(expected, PluginJsonLists.StringList(json, Where, "get_extract_event_sources"));

    [Fact]
    public void A_string_list_with_a_non_string_is_an_error()
    {
        var e = Assert.Throws<PluginException>(() => PluginJsonLists.StringList("[1]", Where, "get_extract_event_sources"));
        Assert.Equal($"{Where}: get_extract_event_sources: is not a JSON array of strings", e.Message);
    }

    [Fact]
    public void An_open_param_without_value_is_an_error()
    {
        var e = Assert.Throws<PluginException>(() => PluginJsonLists.OpenParams("""[{"desc":"x"}]""", Where));
        Assert.Equal($"{Where}: list_open_params: entry #0 has no 'value'", e.Message);
    }

    [Theory]
    [InlineData("3.12.0", "3.0.0", true)]
    [InlineData("3.12.0", "3.11.0", true)]
    [InlineData("3.12.0", "3.12.0", true)]
    [InlineData("3.12.0", "3.12.1", false)]
    [InlineData("3.12.0", "3.13.0", false)]
    [InlineData("3.12.0", "2.0.0", false)]
    [InlineData("3.12.0", "4.0.0", false)]
    [InlineData("3.12.0", "3.1.0-rc1", true)]
    public void The_compatibility_rule(string host, string plugin, bool accepted)
    {
        Assert.True(ApiVersion.TryParse(host, out var h));
        Assert.True(ApiVersion.TryParse(plugin, out var p));
        Assert.Equal(accepted, h.Accepts(p));
    }

    [Theory]
    [InlineData("")]
    [InlineData("3")]
    [InlineData("3.1")]
    [InlineData("a.b.c")]
    [InlineData("3..1")]
    public void Invalid_versions_do_not_parse(string text) => Assert.False(ApiVersion.TryParse(text, out _));
}
