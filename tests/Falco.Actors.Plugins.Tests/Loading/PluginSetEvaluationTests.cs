using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Events;
using Falco.Actors.Plugins.Loading;
using Falco.Actors.Plugins.Tests.Managed.TestPlugins;
using Falco.Actors.Plugins.Tests.Native;
using Falco.Actors.Rules.Filter.Compilation;
using Falco.Actors.Rules.Filter.Parsing;

namespace Falco.Actors.Plugins.Tests.Loading;

/// <summary>A plugin set's registry and per-owner extractors drive the filter compiler and evaluator as they are.</summary>
public class PluginSetEvaluationTests
{
    [Fact]
    public void A_condition_over_native_managed_and_generic_fields_evaluates_on_streamed_events()
    {
        var set = PluginSet.Load(
        [
            new("counter", "libcounter.so", """{"count":12,"batch":5}"""),
            new("upper", typeof(UpperPlugin).Assembly.Location),
            new("length", typeof(LengthPlugin).Assembly.Location),
        ], null, new PluginLoadOptions { PluginsDirectory = TestPlugins.BuildDir });
        var fields = set.FieldsOf("counter");

        var compiler = new FilterCompiler(fields.Registry);
        var filter = compiler.Compile(FilterParser.Parse(
            "counter.n > 2 and upper.text startswith 'N=' and evt.pluginname = counter and len.payload = 3"));
        using var owner = fields.CreateExtractors();
        var context = compiler.CreateContext(owner.Extractors);

        using var source = set.Plugins[0].CreateInstance();
        using var session = source.Open("");
        var batch = new EventBatch();
        var matched = new List<ulong>();
        BatchStatus status;
        do
        {
            batch.Clear();
            status = session.NextBatch(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                var evt = batch[i];
                context.Reset(evt);
                if (filter.Evaluate(context))
                {
                    matched.Add(evt.Num);
                }
            }
        }
        while (status != BatchStatus.Eof);

        // Payloads "n=<k>": three bytes long for k = 1..9, and k > 2.
        Assert.Equal([3UL, 4, 5, 6, 7, 8, 9], matched);
    }
}
