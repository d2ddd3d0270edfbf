using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace Falco.Actors.Engine.Hosting;

/// <summary>
/// Akka's log, written to standard error: standard output carries the alerts (stdout_output), and nothing else
/// may be mixed into them. Remoting's TLS failures are written once per peer (<see cref="RefusedPeerLog"/>), and
/// every line passes through <see cref="Redaction.Secrets.Redact"/>.
/// </summary>
public sealed class StderrLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    public StderrLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        var refused = new RefusedPeerLog();
        Receive<LogEvent>(e =>
        {
            if (refused.Filter(e) is { } shown)
            {
                Console.Error.WriteLine(Redaction.Secrets.Redact(shown.ToString()));
            }
        });
    }
}
