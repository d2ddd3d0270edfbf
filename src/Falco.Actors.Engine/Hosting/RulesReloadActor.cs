using Akka.Actor;
using Akka.Cluster;
using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Evaluation;
using Falco.Actors.Engine.Monitoring;

namespace Falco.Actors.Engine.Hosting;

/// <summary>
/// Hot reload on one node (the coordinator's child, which forwards it <see cref="RequestReload"/> and
/// <see cref="ReloadRules"/>). A request takes the next reload number and sends <see cref="ReloadRules"/> to every
/// member's coordinator (on a single node, to itself). Each node then reads the configuration and rules again
/// (<see cref="EngineSetup.Reload"/>) and compiles them in a task, off the event path; if that succeeds the node's
/// <see cref="NodeRules"/> switch to them, and every evaluator takes them at its next batch; if it fails, the rules
/// in force stay and the error is logged. Requests that come while a load runs are folded into one more load after
/// it. Reloads and failures are counted in the statistics; keys changed that a reload cannot apply are named.
/// </summary>
public sealed class RulesReloadActor : ReceiveActor
{
    private readonly EngineSetup _setup;
    private readonly NodeRules _rules;
    private readonly EngineStatistics _stats;
    private readonly bool _clustered;
    private readonly TextWriter _log;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<(long Generation, IActorRef ReplyTo)> _waiting = [];
    private long _highest; // the highest reload number requested or seen
    private long _started; // the last number loaded (or being loaded)
    private long _pending; // a number that came while loading: loaded next
    private bool _loading;

    public RulesReloadActor(EngineSetup setup, NodeRules rules, EngineStatistics stats, bool clustered, TextWriter log)
    {
        _setup = setup;
        _rules = rules;
        _stats = stats;
        _clustered = clustered;
        _log = log;
        Receive<RequestReload>(_ => Request());
        Receive<ReloadRules>(m => Reload(m.Generation));
        Receive<ReloadLoaded>(Loaded);
    }

    public static Props Props(EngineSetup setup, NodeRules rules, EngineStatistics stats, bool clustered, TextWriter? log = null) =>
        Akka.Actor.Props.Create(() => new RulesReloadActor(setup, rules, stats, clustered, log ?? Console.Error));

    protected override void PostStop() => _stopping.Cancel();

    private void Request()
    {
        if (_setup.Reload is null)
        {
            Sender.Tell(new RulesReloadOutcome(0, _rules.Current, "this host does not support reloading the rules", []));
            return;
        }
        var generation = ++_highest;
        _waiting.Add((generation, Sender));
        if (!_clustered)
        {
            Self.Tell(new ReloadRules(generation));
            return;
        }
        // Every member's coordinator, this one included; a member that is leaving or unreachable keeps its rules.
        foreach (var member in Akka.Cluster.Cluster.Get(Context.System).State.Members.Where(m => m.Status == MemberStatus.Up))
        {
            Context.ActorSelection(new RootActorPath(member.Address) / "user" / "engine").Tell(new ReloadRules(generation));
        }
    }

    private void Reload(long generation)
    {
        _highest = Math.Max(_highest, generation);
        if (generation <= _started || _setup.Reload is null)
        {
            return;
        }
        if (_loading)
        {
            _pending = Math.Max(_pending, generation);
            return;
        }
        Load(generation);
    }

    private void Load(long generation)
    {
        _loading = true;
        _started = generation;
        var reload = _setup.Reload!;
        var token = _stopping.Token;
        Task.Run(() => Compile(reload(token)), token).PipeTo(Self,
            success: compiled => new ReloadLoaded(generation, compiled, null),
            failure: e => new ReloadLoaded(generation, null, Message(e)));
    }

    private CompiledReload Compile(RulesReload loaded)
    {
        if (!loaded.Rules.Successful)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, loaded.Rules.Errors));
        }
        var sources = EngineNode.CompileSources(loaded.Configuration, _setup.Plugins, loaded.Rules, EngineNode.Hostname(_setup));
        return new CompiledReload(sources, ReloadableKeys.NeedingRestart(_setup.Configuration, loaded.Configuration));
    }

    private void Loaded(ReloadLoaded loaded)
    {
        _loading = false;
        var where = _clustered ? $" on {Akka.Cluster.Cluster.Get(Context.System).SelfAddress}" : "";
        RulesReloadOutcome outcome;
        if (loaded.Compiled is { } compiled)
        {
            var generation = _rules.Switch([.. compiled.Sources]);
            _stats.AddRulesReload(succeeded: true);
            _log.WriteLine($"Rules reloaded{where}: {generation.RuleCount} rule(s) in force (reload {loaded.Generation}, rules generation {generation.Number})");
            if (compiled.RestartKeys.Count > 0)
            {
                _log.WriteLine($"Warning: {_setup.Configuration.FilePath}: changed key(s) {string.Join(", ", compiled.RestartKeys)} "
                               + "apply at the next start only; the running engine keeps their values from the start");
            }
            outcome = new RulesReloadOutcome(loaded.Generation, generation, null, compiled.RestartKeys);
        }
        else
        {
            _stats.AddRulesReload(succeeded: false);
            _log.WriteLine($"Error: rules reload failed{where}; the rules in force stay (rules generation {_rules.Current.Number}): {loaded.Error}");
            outcome = new RulesReloadOutcome(loaded.Generation, _rules.Current, loaded.Error, []);
        }
        _waiting.RemoveAll(w =>
        {
            if (w.Generation > loaded.Generation)
            {
                return false;
            }
            w.ReplyTo.Tell(outcome);
            return true;
        });
        if (_pending > _started)
        {
            Load(_pending);
        }
    }

    private static string Message(Exception e) =>
        e is AggregateException { InnerExceptions.Count: 1 } aggregate ? Message(aggregate.InnerExceptions[0]) : e.Message;
}
