using Falco.Actors.Cli.Options;

namespace Falco.Actors.Cli.Startup;

/// <summary>
/// Which loaded sources run (Falco's <c>--enable-source</c>/<c>--disable-source</c>): every one by default; with
/// <c>--enable-source</c> only those named; with <c>--disable-source</c> all but those named. A name that is not a
/// loaded source is an error, and so is disabling every source. <c>syscall</c>, which Falco always loads, is accepted
/// by <c>--disable-source</c> (plugin-only Falco setups pass it) and refused by <c>--enable-source</c>: this engine
/// has no syscall source. Replaying a capture (<c>-e</c>) runs every source, as Falco ignores the selection then.
/// </summary>
public static class SourceSelection
{
    private const string Syscall = "syscall";

    public static IReadOnlyList<string> Select(IReadOnlyList<string> loaded, CliOptions options)
    {
        if (options.ReplayCapture is not null || (options.EnableSources.Count == 0 && options.DisableSources.Count == 0))
        {
            return loaded;
        }
        if (options.EnableSources.Count > 0)
        {
            foreach (var source in options.EnableSources)
            {
                if (source == Syscall)
                {
                    throw new StartupException("Attempted enabling the syscall event source: falco-actors runs plugin event sources only");
                }
                if (!loaded.Contains(source))
                {
                    throw new StartupException($"Attempted enabling an unknown event source: {source} (loaded: {string.Join(", ", loaded)})");
                }
            }
            return [.. loaded.Where(options.EnableSources.Contains)];
        }
        foreach (var source in options.DisableSources.Where(s => s != Syscall && !loaded.Contains(s)))
        {
            throw new StartupException($"Attempted disabling an unknown event source: {source} (loaded: {string.Join(", ", loaded)})");
        }
        var enabled = loaded.Where(s => !options.DisableSources.Contains(s)).ToList();
        return enabled.Count > 0 ? enabled : throw new StartupException("Must enable at least one event source");
    }
}
