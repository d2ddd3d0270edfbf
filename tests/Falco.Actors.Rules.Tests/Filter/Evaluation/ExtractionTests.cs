using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Filter.Compilation;

namespace Falco.Actors.Rules.Tests.Filter.Evaluation;

/// <summary>Slots are shared, extracted once per event, one provider call per plan; evaluation allocates nothing.</summary>
public sealed class ExtractionTests
{
    [Fact]
    public void A_field_is_extracted_once_per_event_across_many_filters()
    {
        var h = new FilterHarness().Set("test.str", "nginx").Set("test.u64", 7UL).Set("test.strlist", "a");
        var filters = new List<CompiledFilter>();
        for (var i = 0; i < 50; i++)
        {
            filters.Add(h.Compile($"test.str = proc{i} or (test.u64 = {i} and test.str startswith ngi)"));
            filters.Add(h.Compile($"tolower(test.str) = NGINX{i} or test.strlist in (a, b{i})"));
        }
        Assert.Equal(4, h.Compiler.Slots.Count); // test.str, test.u64, tolower(test.str), test.strlist
        for (var e = 1; e <= 3; e++)
        {
            h.Context.Reset(new PluginEvent((ulong)e, 0, 1, ReadOnlyMemory<byte>.Empty));
            var matches = filters.Count(f => f.Evaluate(h.Context));
            Assert.Equal(51, matches); // test.u64 = 7 matches once, the strlist check always
            Assert.Equal(e, h.Test.Calls); // one Extract call per event for the whole provider
            Assert.Equal(e, h.Test.Requested["test.str"]);
            Assert.Equal(e, h.Test.Requested["test.u64"]);
        }
    }

    [Fact]
    public void A_plan_narrows_what_a_provider_is_asked_for_and_unplanned_slots_still_extract()
    {
        var h = new FilterHarness().Set("test.str", "x").Set("test.u64", 1UL);
        var a = h.Compile("test.str = x");
        var b = h.Compile("test.u64 = 1");
        h.Context.UsePlan(h.Compiler.Slots.PlanFor(a.UsedSlots));
        h.Context.Reset(default);
        Assert.True(a.Evaluate(h.Context));
        Assert.False(h.Test.Requested.ContainsKey("test.u64"));
        Assert.True(b.Evaluate(h.Context));
        Assert.Equal(2, h.Test.Calls);
        Assert.Equal(1, h.Test.Requested["test.u64"]);
    }

    [Fact]
    public void The_default_plan_follows_slots_added_after_the_context_was_made()
    {
        var h = new FilterHarness().Set("test.str", "x").Set("test.u64", 1UL);
        var a = h.Compile("test.str = x");
        h.Context.Reset(default);
        Assert.True(a.Evaluate(h.Context));
        var b = h.Compile("test.u64 = 1 and test.str = x");
        h.Context.Reset(default);
        Assert.True(b.Evaluate(h.Context));
        Assert.Equal(2, h.Test.Calls);
        Assert.Equal(1, h.Test.Requested["test.u64"]);
    }

    [Fact]
    public void Used_slots_name_what_a_condition_reads()
    {
        var h = new FilterHarness();
        var f = h.Compile("test.str = a and toupper(test.str2) = B and evt.num > 1");
        var texts = f.UsedSlots.Select(s => h.Compiler.Slots.Slots[s].Text).Order().ToArray();
        Assert.Equal(["evt.num", "test.str", "test.str2", "toupper(test.str2)"], texts);
    }

    [Fact]
    public void Evaluate_allocates_nothing()
    {
        var h = new FilterHarness("aws_cloudtrail")
            .Set("test.str", "ConsoleLogin").Set("test.str2", "consolelogin").Set("test.path", "/opt/dir/sub/file")
            .Set("test.u64", 42UL).Set("test.bool", true).Set("test.ip", "10.1.2.3").Set("test.net", "10.0.0.0/8")
            .Set("test.buf", "HTTP/1.1"u8.ToArray()).Set("test.strlist", "a", "b").Set("test.u64list", 1UL, 2UL)
            .Set("test.key[x]", "aGVsbG8=");
        string[] conditions =
        [
            "test.str = ConsoleLogin and not test.str contains Fail",
            "test.str icontains login or test.str glob 'Con*' or test.str iglob 'con*'",
            "test.str regex 'Console.*' and test.str in (a, b, ConsoleLogin)",
            "test.path pmatch (/opt/dir, /etc) and test.path startswith /opt",
            "test.u64 >= 40 and test.u64 in (1, 42) and test.bool = true",
            "test.ip = 10.0.0.0/8 and test.ip in (1.1.1.1, 10.1.2.3) and test.net = 10.0.0.0/8",
            "test.buf bcontains 54502f and test.buf startswith HTTP",
            "test.strlist in (a, b, c) and test.u64list intersects (2)",
            "tolower(test.str) = val(test.str2) and len(test.strlist) = 2 and b64(test.key[x]) = hello",
            "test.str == anyof (x, ConsoleLogin) and test.str contains allof (Con, Log)",
            "evt.source = aws_cloudtrail and evt.num > 0 and evt.pluginname = testplugin",
            "test.missing.not exists or test.str2 != x",
        ];
        conditions[^1] = "test.index[3] exists or test.str2 != x";
        var filters = conditions.Select(h.Compile).ToArray();
        var payload = new byte[16];
        void Run(int events)
        {
            for (var e = 0; e < events; e++)
            {
                h.Context.Reset(new PluginEvent((ulong)e + 1, 1_700_000_000_000_000_000, 2, payload));
                foreach (var f in filters)
                {
                    if (!f.Evaluate(h.Context))
                    {
                        throw new InvalidOperationException("every condition should match");
                    }
                }
            }
        }
        Run(100); // warm up: caches grow, regexes and lookups initialise
        var extractorCalls = h.Test.Calls;
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(2000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(extractorCalls + 2000, h.Test.Calls);
        Assert.Equal(0, allocated);
    }
}
