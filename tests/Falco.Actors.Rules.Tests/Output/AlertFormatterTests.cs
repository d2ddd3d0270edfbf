using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Filter.Parsing;
using Falco.Actors.Rules.Output;
using Falco.Actors.Rules.RuleSets;
using Falco.Actors.Rules.Tests.RuleSets;

namespace Falco.Actors.Rules.Tests.Output;

public class AlertFormatterTests
{
    private const string CreateUserOutput =
        "A new AWS user has been created (requesting user=%ct.user, requesting IP=%ct.srcip, AWS region=%ct.region, new user created=%ct.request.username)";

    private readonly CloudTrailTestFields _ct = new();

    private CompiledRule CreateUserRule(string output = CreateUserOutput) => CompiledRule.Compile(_ct.Compiler, 0,
        "Create AWS user", FilterParser.Parse("ct.name=\"CreateUser\" and not ct.error exists", 1000), output,
        Priority.Informational, ["cloud", "aws", "aws_iam", "aws"]);

    private Alert Format(CompiledRule rule, OutputOptions options, params (string, string)[] fields)
    {
        var evt = _ct.AddEvent(1, fields.ToDictionary(f => f.Item1, f => f.Item2));
        var ctx = _ct.CreateContext(TimeZoneInfo.Utc);
        ctx.Reset(evt);
        return new AlertFormatter(_ct.Compiler, options).Format(rule, ctx);
    }

    private Alert FormatCreateUser(OutputOptions options) => Format(CreateUserRule(), options,
        ("ct.name", "CreateUser"), ("ct.user", "alice"), ("ct.srcip", "1.2.3.4"), ("ct.region", "us-east-1"));

    [Fact]
    public void Text_line_is_local_time_priority_and_output_with_NA_for_missing_values()
    {
        var alert = FormatCreateUser(new OutputOptions());

        Assert.Equal(
            "12:34:56.000000789: Informational A new AWS user has been created (requesting user=alice, requesting IP=1.2.3.4, AWS region=us-east-1, new user created=<NA>)",
            alert.Line);
        Assert.Equal(alert.Line, alert.Output);
        Assert.StartsWith("A new AWS user", alert.Message);
        Assert.Null(alert.Json);
        Assert.Equal(["aws", "aws_iam", "cloud"], alert.Tags);
    }

    [Fact]
    public void Extra_fields_join_output_fields_only_a_field_typed_a_format_as_text_replacing_a_same_named_field()
    {
        var rule = CompiledRule.Compile(_ct.Compiler, 0, "Create AWS user", FilterParser.Parse("ct.name=\"CreateUser\"", 1000),
            "user=%ct.user", Priority.Informational, ["aws"], extraFields:
            [
                ExtraOutputField.Field("ct.region", _ct.Compiler),
                ExtraOutputField.Format("who", "%ct.user from %ct.srcip", _ct.Compiler),
                ExtraOutputField.Format("ct.user", "someone", _ct.Compiler),
            ]);

        var alert = Format(rule, new OutputOptions { JsonOutput = true, Hostname = "h" },
            ("ct.name", "CreateUser"), ("ct.user", "alice"), ("ct.region", "us-east-1"));

        Assert.Contains("\"output\":\"12:34:56.000000789: Informational user=alice\"", alert.Json);
        Assert.Contains(
            "\"output_fields\":{\"ct.region\":\"us-east-1\",\"ct.user\":\"someone\",\"evt.time\":1634301296000000789,\"who\":\"alice from <NA>\"}",
            alert.Json);
    }

    [Fact]
    public void An_extra_field_must_be_a_field_name()
    {
        var e = Assert.Throws<OutputTemplateException>(() => ExtraOutputField.Field("ct.user and more", _ct.Compiler));

        Assert.Equal("'ct.user and more' is not a field name", e.Message);
    }

    [Fact]
    public void Iso8601_time_format_prefixes_utc_with_plus_zero()
    {
        var alert = FormatCreateUser(new OutputOptions { TimeFormatIso8601 = true });

        Assert.StartsWith("2021-10-15T12:34:56.000000789+0000: Informational A new AWS user", alert.Line);
    }

    [Fact]
    public void Json_alert_has_falcos_keys_in_sorted_order()
    {
        var alert = FormatCreateUser(new OutputOptions { JsonOutput = true, Hostname = "falco-host" });

        Assert.Equal(
            """{"hostname":"falco-host","output":"12:34:56.000000789: Informational A new AWS user has been created (requesting user=alice, requesting IP=1.2.3.4, AWS region=us-east-1, new user created=<NA>)","output_fields":{"ct.region":"us-east-1","ct.request.username":null,"ct.srcip":"1.2.3.4","ct.user":"alice","evt.time":1634301296000000789},"priority":"Informational","rule":"Create AWS user","source":"aws_cloudtrail","tags":["aws","aws_iam","cloud"],"time":"2021-10-15T12:34:56.000000789Z"}""",
            alert.Json);
        Assert.Equal(alert.Json, alert.Line);
    }

    [Fact]
    public void Json_options_drop_output_tags_and_fields_and_add_the_message()
    {
        var alert = FormatCreateUser(new OutputOptions
        {
            JsonOutput = true,
            Hostname = "h",
            TimeFormatIso8601 = true,
            JsonIncludeOutputProperty = false,
            JsonIncludeTagsProperty = false,
            JsonIncludeOutputFieldsProperty = false,
            JsonIncludeMessageProperty = true,
        });

        Assert.Equal(
            """{"hostname":"h","message":"A new AWS user has been created (requesting user=alice, requesting IP=1.2.3.4, AWS region=us-east-1, new user created=<NA>)","priority":"Informational","rule":"Create AWS user","source":"aws_cloudtrail","time":"2021-10-15T12:34:56.000000789Z"}""",
            alert.Json);
    }

    [Fact]
    public void Iso_time_field_and_numbers_in_output_fields()
    {
        var rule = CreateUserRule("n=%evt.num t=%evt.time.iso8601 u=%ct.user");
        var alert = Format(rule, new OutputOptions { JsonOutput = true, Hostname = "h", TimeFormatIso8601 = true },
            ("ct.user", "bob"));

        Assert.Contains(
            "\"output_fields\":{\"ct.user\":\"bob\",\"evt.num\":1,\"evt.time.iso8601\":1634301296000000789}",
            alert.Json);
        Assert.Contains("n=1 t=2021-10-15T12:34:56.000000789+0000 u=bob", alert.Output);
    }

    [Fact]
    public void Text_escapes_control_characters_json_escapes_them_in_lower_case_hex()
    {
        var rule = CreateUserRule("user=%ct.user");
        var fields = ("ct.user", "evil\nfake alert\u001b[31m\t\"q\"\\");

        var text = Format(rule, new OutputOptions(), fields);
        var json = Format(rule, new OutputOptions { JsonOutput = true, Hostname = "h" }, fields);

        Assert.EndsWith("Informational user=evil\\nfake alert\\u001b[31m\\t\"q\"\\", text.Line);
        Assert.DoesNotContain('\n', text.Line);
        Assert.Contains("\"ct.user\":\"evil\\nfake alert\\u001b[31m\\t\\\"q\\\"\\\\\"", json.Json);
        Assert.Contains("\n", json.Output);
    }

    [Fact]
    public void Non_ascii_stays_utf8_and_invalid_utf8_becomes_the_replacement_character()
    {
        var rule = CreateUserRule("user=%ct.user");
        var json = Format(rule, new OutputOptions { JsonOutput = true, Hostname = "h" }, ("ct.user", "zoë 日本"));

        Assert.Contains("\"ct.user\":\"zoë 日本\"", json.Json);
        Assert.EndsWith("user=zoë 日本", Format(rule, new OutputOptions(), ("ct.user", "zoë 日本")).Line);

        var ctx = _ct.CreateContext(TimeZoneInfo.Utc);
        ctx.Reset(_ct.AddRawEvent(9, new() { ["ct.user"] = [0x61, 0x80, 0x7A] }));
        var text = new AlertFormatter(_ct.Compiler, new OutputOptions()).Format(rule, ctx);
        var asJson = new AlertFormatter(_ct.Compiler, new OutputOptions { JsonOutput = true, Hostname = "h" }).Format(rule, ctx);
        Assert.EndsWith("user=a\uFFFDz", text.Line);
        Assert.Contains("\"ct.user\":\"a\uFFFDz\"", asJson.Json);
    }

    [Fact]
    public void Transformer_values_render_and_are_kept_out_of_output_fields_unless_asked()
    {
        var rule = CreateUserRule("u=%toupper(ct.user)");
        var plain = Format(rule, new OutputOptions { JsonOutput = true, Hostname = "h" }, ("ct.user", "alice"));
        var withTransformed = Format(rule,
            new OutputOptions { JsonOutput = true, Hostname = "h", IncludeTransformedFields = true }, ("ct.user", "alice"));

        Assert.EndsWith("u=ALICE", plain.Output);
        Assert.Contains("\"output_fields\":{\"ct.user\":\"alice\",\"evt.time\":", plain.Json);
        Assert.Contains("\"output_fields\":{\"ct.user\":\"alice\",\"evt.time\":1634301296000000789,\"toupper(ct.user)\":\"ALICE\"}",
            withTransformed.Json);
    }

    [Fact]
    public void A_rule_without_tags_has_an_empty_tags_array()
    {
        var rule = CompiledRule.Compile(_ct.Compiler, 0, "No tags", FilterParser.Parse("ct.name exists", 1000),
            "x", Priority.Emergency, []);
        var alert = Format(rule, new OutputOptions { JsonOutput = true, Hostname = "h" });

        Assert.Equal(
            """{"hostname":"h","output":"12:34:56.000000789: Emergency x","output_fields":{"evt.time":1634301296000000789},"priority":"Emergency","rule":"No tags","source":"aws_cloudtrail","tags":[],"time":"2021-10-15T12:34:56.000000789Z"}""",
            alert.Json);
    }
}
