namespace Falco.Actors.Cli.Running;

/// <summary>
/// SIGHUP (reload) and SIGUSR1 (reopen the outputs) for a run: <c>Program.cs</c>'s signal handlers raise them, and a
/// running engine listens (<see cref="HotReload"/>). Raised before a run listens (while it loads, or in a command that
/// runs nothing), a signal is ignored with a line on stderr instead of ending the process.
/// </summary>
public sealed class RunSignals(TextWriter stderr)
{
    public event Action? Reload;

    public event Action? Reopen;

    public void RaiseReload() => Raise(Reload, "SIGHUP");

    public void RaiseReopen() => Raise(Reopen, "SIGUSR1");

    private void Raise(Action? handlers, string signal)
    {
        if (handlers is null)
        {
            stderr.WriteLine($"{signal} received before the run started: ignored");
            return;
        }
        handlers();
    }
}
