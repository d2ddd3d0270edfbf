using System.Text;
using System.Text.Json;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.CloudTrail;
using Falco.Actors.Plugins.Events;
using Falco.Actors.Plugins.Json;
using Falco.Actors.Plugins.Loading;
using Falco.Actors.Rules.Filter.Compilation;
using Falco.Actors.Rules.Filter.Evaluation;
using Falco.Actors.Rules.Loading;
using Falco.Actors.Rules.Output;
using Falco.Actors.Rules.RuleSets;

namespace Falco.Actors.Rules.CloudTrail.Tests.Harness;

/// <summary>
/// The CloudTrail rule set on the real plugins, without actors: the managed cloudtrail and json plugins loaded
/// through <see cref="PluginSet"/> as falco.yaml would name them, <c>rules/aws_cloudtrail_rules.yaml</c> (plus
/// optional extra rules files) loaded with the source's field registry, and a <see cref="RuleSet"/> per
/// <c>rule_matching</c> mode. Events are read by the cloudtrail plugin from log files and evaluated with this
/// owner's own extractors. One thread at a time.
/// </summary>
public sealed class CloudTrailRuleHarness : IDisposable
{
    public const string Source = "aws_cloudtrail";

    private readonly OwnerExtractors _extractors;
    private readonly EvalContext _ctx;
    private readonly AlertFormatter _formatter;
    private readonly List<CompiledRule> _matches = [];

    private CloudTrailRuleHarness(PluginSet plugins, RulesLoadResult loaded)
    {
        Plugins = plugins;
        Loaded = loaded;
        Compiler = loaded.Compilers[Source];
        Rules = [.. loaded.Rules.Select((r, i) => CompiledRule.FromLoaded(Compiler, r, i))];
        First = new RuleSet(Compiler, Rules, new RuleSetOptions { Matching = RuleMatching.First });
        All = new RuleSet(Compiler, Rules, new RuleSetOptions { Matching = RuleMatching.All });
        _extractors = plugins.FieldsOf(Source).CreateExtractors("ctrules-test");
        _ctx = Compiler.CreateContext(_extractors.Extractors);
        _formatter = new AlertFormatter(Compiler, new OutputOptions { Hostname = "ctrules-test" });
    }

    public PluginSet Plugins { get; }

    public RulesLoadResult Loaded { get; }

    public FilterCompiler Compiler { get; }

    public IReadOnlyList<CompiledRule> Rules { get; }

    public RuleSet First { get; }

    public RuleSet All { get; }

    public RuleSet Of(RuleMatching matching) => matching == RuleMatching.First ? First : All;

    /// <summary>The two plugins as falco.yaml entries naming their assemblies.</summary>
    public static PluginSet LoadPlugins() => PluginSet.Load(
    [
        new PluginConfigEntry(CloudTrailPluginIdentity.Name, typeof(CloudTrailPlugin).Assembly.Location),
        new PluginConfigEntry(JsonPluginIdentity.Name, typeof(JsonPlugin).Assembly.Location),
    ], loadPlugins: null);

    /// <summary>Loads the plugins and the rules file, then each extra rules file in order.</summary>
    public static CloudTrailRuleHarness Create(params string[] extraRules)
    {
        var plugins = LoadPlugins();
        var loader = new RulesLoader(new RulesLoaderOptions
        {
            Sources = new RuleSourceSet().Add(plugins.FieldsOf(Source).Registry),
        });
        var files = new List<(string, string)> { (RepositoryPaths.RulesFile, File.ReadAllText(RepositoryPaths.RulesFile)) };
        files.AddRange(extraRules.Select((text, i) => ($"extra_rules_{i}.yaml", text)));
        var loaded = loader.LoadContents(files);
        if (!loaded.Successful)
        {
            throw new InvalidOperationException("rules failed to load:\n" + string.Join("\n", loaded.Messages));
        }
        return new CloudTrailRuleHarness(plugins, loaded);
    }

    /// <summary>
    /// Reads every event the cloudtrail plugin gives for <paramref name="openParams"/> (a file or directory) and
    /// evaluates it with <paramref name="rules"/>; returns, per event in reading order, its record and the alerts
    /// raised (rendered, so every output is exercised on real values).
    /// </summary>
    public List<EvaluatedEvent> Run(string openParams, RuleSet rules)
    {
        var results = new List<EvaluatedEvent>();
        using var instance = Plugins.Find(CloudTrailPluginIdentity.Name)!.CreateInstance();
        using var session = instance.Open(openParams);
        var batch = new EventBatch();
        BatchStatus status;
        do
        {
            batch.Clear();
            status = session.NextBatch(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                var evt = batch[i];
                rules.Match(_ctx, evt, _matches);
                var alerts = _matches.Select(rule => _formatter.Format(rule, _ctx)).ToList();
                results.Add(new EvaluatedEvent(Encoding.UTF8.GetString(evt.Payload.Span), alerts));
            }
        }
        while (status != BatchStatus.Eof);
        return results;
    }

    public void Dispose() => _extractors.Dispose();
}

/// <summary>An event's record text and the alerts it raised, in definition order of their rules.</summary>
public sealed record EvaluatedEvent(string Record, IReadOnlyList<Alert> Alerts)
{
    public IReadOnlyList<string> RuleNames => [.. Alerts.Select(a => a.Rule)];

    public string EventName => Field("eventName");

    public string Field(string name) =>
        JsonDocument.Parse(Record).RootElement.TryGetProperty(name, out var v) ? v.ToString() : "";
}
