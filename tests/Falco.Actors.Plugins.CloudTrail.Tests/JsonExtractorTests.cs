using static Falco.Actors.Plugins.CloudTrail.Tests.TestSupport;

namespace Falco.Actors.Plugins.CloudTrail.Tests;

public sealed class JsonExtractorTests
{
    /// <summary>The document of the json plugin's own tests (json_test.go).</summary>
    private const string Doc = "{\"list\":[{\"intvalue\":1,\"floatvalue\":2.5}],\"value\":\"hello\",\"~/escaped\":\"hello\\\"2\"}";

    [Theory]
    [InlineData("/value", "hello")]
    [InlineData("/list/0/intvalue", "1")]
    [InlineData("/list/0/floatvalue", "2.5")]
    [InlineData("/~0~1escaped", "hello\"2")]
    [InlineData("", Doc)]
    [InlineData("/list/0", "{\"intvalue\":1,\"floatvalue\":2.5}")]
    [InlineData("value", "hello")]
    public void Json_value_vectors(string pointer, string expected)
    {
        Assert.Equal([expected], JsonField("json.value", Doc, pointer));
        Assert.Equal([expected], JsonField("jevt.value", Doc, pointer));
    }

    [Theory]
    [InlineData("/missing")]
    [InlineData("/list/1")]
    [InlineData("/list/x")]
    [InlineData("/value/deeper")]
    [InlineData("invalid_pointer")]
    public void A_missing_path_gives_no_value(string pointer)
    {
        Assert.Empty(JsonField("json.value", Doc, pointer));
    }

    [Fact]
    public void Non_string_values_are_their_compact_JSON_text_and_strings_unquoted()
    {
        const string json = "{ \"b\" : true, \"f\":false, \"n\" : null, \"e\":\"\", \"o\": { \"a\" : [ 1, \"x y\" ] } }";
        Assert.Equal(["true"], JsonField("json.value", json, "/b"));
        Assert.Equal(["false"], JsonField("json.value", json, "/f"));
        Assert.Equal(["null"], JsonField("json.value", json, "/n"));
        Assert.Equal([""], JsonField("json.value", json, "/e"));
        Assert.Equal(["{\"a\":[1,\"x y\"]}"], JsonField("json.value", json, "/o"));
    }

    [Fact]
    public void Json_obj_is_the_payload_indented_by_two_spaces()
    {
        Assert.Equal(["{\n  \"a\": 1,\n  \"b\": [\n    true,\n    {}\n  ],\n  \"c\": []\n}"],
            JsonField("json.obj", "{\"a\":1, \"b\":[true,{ }],\"c\":[]}"));
        Assert.Equal(JsonField("json.obj", Doc), JsonField("jevt.obj", Doc));
    }

    [Fact]
    public void Json_rawtime_is_the_event_timestamp_in_nanoseconds()
    {
        Assert.Equal(["1722588804000000000"], JsonField("json.rawtime", "{}", ts: 1722588804000000000));
        Assert.Equal(["42"], JsonField("jevt.rawtime", "not json at all", ts: 42));
    }

    [Fact]
    public void Payloads_that_are_not_JSON_give_no_values()
    {
        Assert.Empty(JsonField("json.value", "hello", "/a"));
        Assert.Empty(JsonField("json.value", " {\"a\":1}", "/a"));
        Assert.Empty(JsonField("json.value", "{\"a\":1", "/a"));
        Assert.Empty(JsonField("json.obj", "{\"a\":"));
    }

    [Fact]
    public void Arrays_are_documents_too()
    {
        Assert.Equal(["b"], JsonField("json.value", "[\"a\",\"b\"]", "/1"));
    }

    [Fact]
    public void Real_record_values_used_by_the_CloudTrail_rules()
    {
        var login = Assert.Single(StratusRecords("aws.initial-access.console-login-without-mfa.json"));
        Assert.Equal(["No"], JsonField("json.value", login, "/additionalEventData/MFAUsed"));
        Assert.Equal(["Success"], JsonField("json.value", login, "/responseElements/ConsoleLogin"));
        Assert.Equal(["false"], JsonField("json.value", login, "/readOnly"));
    }
}
