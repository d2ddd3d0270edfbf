using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Fields.Generic;
using Falco.Actors.Rules.Filter.Compilation;
using Falco.Actors.Rules.Filter.Evaluation;
using Falco.Actors.Rules.Filter.Parsing;

namespace Falco.Actors.Rules.Tests.Filter.Evaluation;

/// <summary>Conditions shaped like Falco's CloudTrail rules, over a ct/json-like registry with three providers.</summary>
public sealed class CloudTrailStyleConditionTests
{
    private static readonly FieldProvider Ct = new("cloudtrail",
    [
        new FieldInfo("ct.name", FieldType.String, "event name"),
        new FieldInfo("ct.error", FieldType.String, "error code"),
        new FieldInfo("ct.user", FieldType.String, "user"),
        new FieldInfo("ct.srcip", FieldType.IpAddr, "source address"),
        new FieldInfo("ct.readonly", FieldType.Bool, "read only"),
    ]);

    private static readonly FieldProvider Json = new("json",
    [
        new FieldInfo("json.value", FieldType.String, "a JSON pointer's value") { Arg = new FieldArgSpec(true, false, true) },
    ]);

    private sealed class Harness
    {
        public Harness()
        {
            var registry = GenericEventFields.CreateRegistry("aws_cloudtrail");
            registry.Add(Ct);
            registry.Add(Json);
            Compiler = new FilterCompiler(registry);
            CtExtractor = new TestExtractor(Ct);
            JsonExtractor = new TestExtractor(Json);
            Context = Compiler.CreateContext(
                [new GenericEventExtractor("aws_cloudtrail", "cloudtrail", "host"), CtExtractor, JsonExtractor]);
        }

        public FilterCompiler Compiler { get; }
        public TestExtractor CtExtractor { get; }
        public TestExtractor JsonExtractor { get; }
        public EvalContext Context { get; }

        public bool Matches(string condition)
        {
            var filter = Compiler.Compile(FilterParser.Parse(condition));
            Context.Reset(new PluginEvent(1, 1_700_000_000_000_000_000, 2, "{}"u8.ToArray()));
            return filter.Evaluate(Context);
        }
    }

    [Fact]
    public void Console_login_without_mfa()
    {
        var h = new Harness();
        h.CtExtractor.Set("ct.name", "ConsoleLogin").Set("ct.user", "alice").Set("ct.srcip", "192.0.2.10");
        h.JsonExtractor.Set("json.value[/additionalEventData/MFAUsed]", "No")
            .Set("json.value[/responseElements/ConsoleLogin]", "Success");
        const string condition =
            "ct.name=\"ConsoleLogin\" and not ct.error exists and json.value[/additionalEventData/MFAUsed]=\"No\" " +
            "and json.value[/responseElements/ConsoleLogin]=\"Success\" and evt.source = aws_cloudtrail";
        Assert.True(h.Matches(condition));
        Assert.False(h.Matches("ct.error != \"AccessDenied\"")); // missing value: false even for !=
        Assert.True(h.Matches("not ct.error exists"));
        Assert.True(h.Matches("ct.srcip = 192.0.2.0/24 and ct.user in (alice, bob)"));
        Assert.False(h.Matches("ct.readonly = false")); // absent field
        h.JsonExtractor.Set("json.value[/additionalEventData/MFAUsed]", "Yes");
        Assert.False(h.Matches(condition));
    }

    [Fact]
    public void Each_provider_is_asked_once_per_event_for_all_its_planned_fields()
    {
        var h = new Harness();
        h.CtExtractor.Set("ct.name", "PutBucketPolicy").Set("ct.user", "root");
        var rules = new[]
        {
            "ct.name in (PutBucketPolicy, DeleteBucketPolicy) and ct.user = root",
            "ct.name startswith Put and not ct.error exists",
            "ct.user = root and json.value[/userIdentity/type] = Root",
        }.Select(r => h.Compiler.Compile(FilterParser.Parse(r))).ToArray();
        h.Context.Reset(new PluginEvent(1, 0, 2, ReadOnlyMemory<byte>.Empty));
        Assert.Equal([true, true, false], rules.Select(r => r.Evaluate(h.Context)).ToArray());
        Assert.Equal(1, h.CtExtractor.Calls);
        Assert.Equal(1, h.JsonExtractor.Calls);
        Assert.Equal(1, h.CtExtractor.Requested["ct.error"]);
    }
}
