using Akka.Actor;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Outputs.Sinks;
using Microsoft.Extensions.Hosting;

namespace Falco.Actors.Engine.Hosting;

/// <summary>
/// A running engine. <see cref="Completion"/> completes once every source has ended (or was stopped), everything
/// accepted has been evaluated and written, the outputs are flushed and the actor system is shut down (sessions
/// closed, plugin states destroyed). <see cref="Statistics"/> can be read at any time.
/// </summary>
public sealed class EngineRun : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly IActorRef _coordinator;
    private readonly IActorRef _outputs;
    private readonly IReadOnlyList<IAlertSink> _ownedSinks;
    private readonly IAsyncDisposable? _monitoring;
    private readonly IDisposable? _watchdog;
    private int _stopRequested;

    internal EngineRun(IHost host, ActorSystem system, IActorRef coordinator, IActorRef outputs, EngineStatistics statistics,
        Task<EngineResult> result, IReadOnlyList<IAlertSink> ownedSinks, IAsyncDisposable? monitoring = null,
        IDisposable? watchdog = null)
    {
        _outputs = outputs;
        _watchdog = watchdog;
        _monitoring = monitoring;
        _host = host;
        System = system;
        _coordinator = coordinator;
        Statistics = statistics;
        _ownedSinks = ownedSinks;
        Completion = FinishAsync(result);
    }

    public ActorSystem System { get; }

    public EngineStatistics Statistics { get; }

    /// <summary>The run's result; the CLI awaits it and exits with <see cref="EngineResult.ExitCode"/>.</summary>
    public Task<EngineResult> Completion { get; }

    /// <summary>
    /// Asks every source to stop (graceful: drain, flush, close); returns the run's result. A cluster member instead
    /// leaves the cluster: its sources and, if it has it, the output router move to other nodes (handed over).
    /// </summary>
    public Task<EngineResult> StopAsync()
    {
        if (Interlocked.Exchange(ref _stopRequested, 1) == 0 && !Completion.IsCompleted)
        {
            _coordinator.Tell(new StopEngine());
        }
        return Completion;
    }

    /// <summary>
    /// Hot reload (SIGHUP): this node (in a cluster every member) reads the configuration and rules again through
    /// <see cref="EngineSetup.Reload"/>, off the event path, and its evaluators take them at their next batch; when they
    /// cannot be loaded the rules in force stay. Returns this node's outcome (also logged on every node).
    /// </summary>
    public Task<RulesReloadOutcome> ReloadRulesAsync(CancellationToken cancellationToken = default) =>
        _coordinator.Ask<RulesReloadOutcome>(RequestReload.Instance, TimeSpan.FromMinutes(5), cancellationToken);

    /// <summary>SIGUSR1: every output reopens what it keeps open (log rotation), between two writes; on the router's node in a cluster.</summary>
    public void ReopenOutputs() => _outputs.Tell(Outputs.ReopenOutputs.Instance);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch
        {
            // Disposal must not throw: the run's own error is in Completion.
        }
    }

    private async Task<EngineResult> FinishAsync(Task<EngineResult> result)
    {
        var stuck = false;
        try
        {
            var done = await result;
            stuck = done.Sources.Any(s => s.Stuck);
            return done;
        }
        finally
        {
            await ShutdownAsync(_host, _monitoring, _ownedSinks, stuck);
            _watchdog?.Dispose();
        }
    }

    /// <summary>
    /// Tears an engine down, in this order: the monitoring (webserver, statistics line), then the host and its actor
    /// system, then the sinks the engine created. Used when a run ends and when a start fails. When a source was given
    /// up with an actor stuck in a plugin call (<paramref name="stuck"/>), that actor never stops: the actor system is
    /// given 2 s (the other actors' states are still destroyed) and then left behind; its threads do not keep the
    /// process alive.
    /// </summary>
    internal static async Task ShutdownAsync(IHost host, IAsyncDisposable? monitoring, IReadOnlyList<IAlertSink> ownedSinks, bool stuck = false)
    {
        if (monitoring is not null)
        {
            await monitoring.DisposeAsync();
        }
        // While it stops, Akka hands its log to its own standard-out logger: its info lines (remoting shut down...) are
        // its noise, not the engine's, so only warnings and errors go on (or everything at log_level debug).
        if (host.Services.GetService(typeof(ActorSystem)) is ActorSystem system && system.EventStream.LogLevel == Akka.Event.LogLevel.InfoLevel)
        {
            system.EventStream.SetLogLevel(Akka.Event.LogLevel.WarningLevel);
        }
        var stopped = host.StopAsync(CancellationToken.None);
        if (!stuck || await Task.WhenAny(stopped, Task.Delay(TimeSpan.FromSeconds(2))) == stopped)
        {
            await stopped;
            host.Dispose();
        }
        else
        {
            await Console.Error.WriteLineAsync(
                "Warning: the actor system did not stop within 2 s (an actor stuck in a plugin call never stops); leaving it behind");
        }
        foreach (var sink in ownedSinks)
        {
            await sink.DisposeAsync();
        }
    }
}
