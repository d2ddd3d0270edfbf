using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using Falco.Actors.Engine.Logging;
using Falco.Actors.Rules;

namespace Falco.Actors.Engine.Hosting;

/// <summary>
/// Akka's log, written through the run's <see cref="EngineLog"/> (standard error and/or syslog, in Falco's form, at
/// <c>log_level</c>; never standard output, which carries the alerts). The engine's own actors log at every level
/// the configuration lets through; Akka's internals only their warnings and errors (everything at <c>debug</c>), as
/// before. Remoting's TLS failures are written once per peer (<see cref="RefusedPeerLog"/>).
/// </summary>
public sealed class StderrLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    public StderrLogger()
    {
        var setup = Context.System.Settings.Setup.Get<EngineLogSetup>();
        var log = setup.HasValue ? setup.Value.Log : EngineLog.To(Console.Error);
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        var refused = new RefusedPeerLog();
        Receive<LogEvent>(e =>
        {
            if (refused.Filter(e) is { } shown && (IsEngines(shown) || shown.LogLevel() >= LogLevel.WarningLevel || log.Level == Priority.Debug))
            {
                log.Write(LevelOf(shown.LogLevel()), Text(shown));
            }
        });
    }

    /// <summary>The Akka log level that lets through what <paramref name="level"/> may show (the logger filters again).</summary>
    public static LogLevel AkkaLevel(Priority level) => level switch
    {
        Priority.Debug => LogLevel.DebugLevel,
        Priority.Informational or Priority.Notice => LogLevel.InfoLevel,
        _ => LogLevel.WarningLevel,
    };

    private static bool IsEngines(LogEvent e) => e.LogClass?.Namespace?.StartsWith("Falco.Actors", StringComparison.Ordinal) == true;

    private static Priority LevelOf(LogLevel level) => level switch
    {
        LogLevel.ErrorLevel => Priority.Error,
        LogLevel.WarningLevel => Priority.Warning,
        LogLevel.InfoLevel => Priority.Informational,
        _ => Priority.Debug,
    };

    private static string Text(LogEvent e)
    {
        var message = e.Message?.ToString() ?? "";
        return e is Error { Cause: { } cause } ? $"{message} ({cause.GetType().Name}: {cause.Message})" : message;
    }
}

/// <summary>Hands the run's <see cref="EngineLog"/> to <see cref="StderrLogger"/>, which Akka creates itself.</summary>
public sealed class EngineLogSetup(EngineLog log) : Akka.Actor.Setup.Setup
{
    public EngineLog Log { get; } = log;
}
