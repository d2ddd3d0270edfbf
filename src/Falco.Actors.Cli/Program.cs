using System.Runtime.InteropServices;
using Falco.Actors.Cli;

// SIGINT and SIGTERM stop the run gracefully instead of killing the process.
using var stop = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return CommandLine.Run(args, Console.Out, Console.Error, interactive: !Console.IsErrorRedirected, stop.Token);
