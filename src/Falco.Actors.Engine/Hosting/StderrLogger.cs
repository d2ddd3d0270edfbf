using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace Falco.Actors.Engine.Hosting;

/// <summary>
/// Akka's log, written to standard error: standard output carries the alerts (stdout_output), and nothing else
/// may be mixed into them. Every line passes through <see cref="Redaction.Secrets.Redact"/>.
/// </summary>
public sealed class StderrLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    public StderrLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e => Console.Error.WriteLine(Redaction.Secrets.Redact(e.ToString())));
    }
}
