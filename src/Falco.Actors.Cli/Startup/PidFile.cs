namespace Falco.Actors.Cli.Startup;

/// <summary>
/// <c>-P/--pidfile</c>: a run writes its process id (decimal, no newline, as Falco) once everything has loaded and the
/// outputs are open, before any event is read; not in a dry run. A file that cannot be written stops start-up, as
/// Falco exits when it cannot write it. Like Falco, the file is left in place at exit.
/// </summary>
public static class PidFile
{
    public static void Write(string? path)
    {
        if (path is null)
        {
            return;
        }
        try
        {
            File.WriteAllText(path, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"Could not write pid to pidfile {path}: {e.Message}", e);
        }
    }
}
