using System.Runtime.InteropServices;
using Falco.Actors.Cli;

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
var stdout = Console.Out;
Console.SetOut(Console.Error);
return CommandLine.Run(args, stdout, Console.Error, interactive: !Console.IsErrorRedirected, stop.Token);
