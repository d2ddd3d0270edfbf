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
return CommandLine.Run(args, Console.Out, Console.Error, interactive: !Console.IsErrorRedirected, stop.Token);
