using System.Runtime.InteropServices;
using System.Text;
using Falco.Actors.Cli;
using Falco.Actors.Plugins.Isolation;

// The hidden plugin-host mode (engine_actors.plugins.<name>.isolation: process): this process runs one plugin session
// for the engine that started it, its standard streams carrying the protocol, so it must not touch them first.
if (PluginHostServer.IsRequested(args))
{
    return PluginHostServer.Run(args);
}

// The first SIGINT/SIGTERM stops the run gracefully; a second one ends the process at once.
using var stop = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
}
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
// Standard output carries alerts and the CLI's answers only: whatever a library writes to Console.Out (Akka's
// standard-out logger prints transport warnings there while the system shuts down) goes to standard error instead.
// Our own writer is not auto-flushed (Console.Out is), so buffered_outputs is honoured; the stdout sink flushes each
// alert unless it is set, and CommandLine.Run flushes at the end.
using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 64 * 1024) { AutoFlush = false, NewLine = "\n" };
// Standard error masks secrets (see Secrets): whatever writes to Console.Error or Console.Out goes through it.
var stderr = Falco.Actors.Engine.Redaction.RedactingWriter.Over(Console.Error);
Console.SetError(stderr);
Console.SetOut(stderr);
// SIGHUP reloads the configuration and rules, SIGUSR1 reopens the outputs (log rotation); neither ends the process.
var signals = new Falco.Actors.Cli.Running.RunSignals(stderr);
using var onHangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context => { context.Cancel = true; signals.RaiseReload(); });
// SIGUSR1 is 10 on Linux; PosixSignal has no name for it, and takes raw numbers.
using var onUser1 = PosixSignalRegistration.Create((PosixSignal)10, context => { context.Cancel = true; signals.RaiseReopen(); });
return CommandLine.Run(args, stdout, stderr, interactive: !Console.IsErrorRedirected, stop.Token, signals);
