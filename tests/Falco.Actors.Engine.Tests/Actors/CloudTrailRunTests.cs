using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Events;
using Falco.Actors.Rules.RuleSets;

namespace Falco.Actors.Engine.Tests.Actors;

/// <summary>
/// The bundled CloudTrail sample through the whole engine (managed CloudTrail and JSON plugins, the repository's
/// CloudTrail rules), compared with an evaluation of the same events without actors.
/// </summary>
public sealed class CloudTrailRunTests : IDisposable
{
    private readonly EngineScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    [Fact]
    public async Task The_cloudtrail_sample_gives_the_alerts_of_a_direct_evaluation_of_the_same_events()
    {
        var sink = new RecordingSink();
        var setup = _scenario.Setup(EngineScenario.CloudTrailSample, EngineScenario.CloudTrailRules,
            EngineScenario.Actors(batchSize: 128, batchTimeMs: 30, inFlight: 4, partitions: 4, key: "ct.user.accountid")
            + "\nrule_matching: all\n", [sink]);
        var expected = DirectEvaluation(setup);

        await using var run = await FalcoEngine.StartAsync(setup);
        var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(8000, result.Statistics.EventsIn["aws_cloudtrail"]);
        Assert.Equal(0, result.Statistics.EvaluationErrors);
        var actual = result.Statistics.Alerts.ToDictionary(kv => kv.Key.Rule, kv => kv.Value);
        Assert.Equal(expected.OrderBy(kv => kv.Key), actual.OrderBy(kv => kv.Key));
        Assert.Equal(expected.Values.Sum(), sink.Alerts.Count);
        // The sample's manifest counts the records each rule's condition matches (rule_matching: all); it also
        // counts rules that ours lacks or disables.
        var loaded = setup.Rules.Rules.Where(r => r.Enabled).Select(r => r.Name).ToHashSet();
        var checkedRules = 0;
        foreach (var line in File.ReadLines(TestPlugins.Sample("cloudtrail", "MANIFEST.txt")).Where(l => l.StartsWith("rule\t")))
        {
            var parts = line.Split('\t');
            if (loaded.Contains(parts[1]))
            {
                Assert.True(long.Parse(parts[2]) == actual.GetValueOrDefault(parts[1]), $"{parts[1]}: manifest {parts[2]}, alerts {actual.GetValueOrDefault(parts[1])}");
                checkedRules++;
            }
        }
        Assert.True(checkedRules >= 10, $"only {checkedRules} rules of the manifest are in the rules file");
    }

    /// <summary>Alert counts per rule from one plain loop: one session, one context, RuleSet.Match per event.</summary>
    private static Dictionary<string, long> DirectEvaluation(EngineSetup setup)
    {
        var rules = EngineNode.CompileRules(setup, new EngineStatistics()).For("aws_cloudtrail");
        using var extractors = rules.Fields.CreateExtractors("test-host");
        var context = rules.CreateContext(extractors);
        var plugin = rules.Fields.SourcePlugin!;
        using var instance = plugin.CreateInstance();
        using var session = instance.Open(plugin.OpenParams);
        var batch = new EventBatch();
        var matches = new List<CompiledRule>();
        var counts = new Dictionary<string, long>();
        BatchStatus status;
        do
        {
            batch.Clear();
            status = session.NextBatch(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                rules.RuleSet.Match(context, batch[i], matches);
                foreach (var rule in matches)
                {
                    counts[rule.Name] = counts.GetValueOrDefault(rule.Name) + 1;
                }
            }
        }
        while (status != BatchStatus.Eof);
        return counts;
    }
}
