namespace Falco.Actors.Plugins.Isolation;

/// <summary>How an isolated plugin's host processes run.</summary>
public sealed record PluginHostOptions
{
    /// <summary>The executable (default: <see cref="PluginHostCommand.Locate"/>, on first use).</summary>
    public PluginHostCommand? Command { get; init; }

    /// <summary>
    /// The longest one call may take (init, open, next_batch, get_progress, close, destroy) before its process is
    /// killed and the call fails; zero or less waits for ever.
    /// </summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The most events one answer carries (the host calls next_batch until it has this many or the plugin has no more).</summary>
    public int BatchEvents { get; init; } = 512;

    /// <summary>Receives each line the host writes to standard error (the plugin's log), already prefixed with the plugin's name.</summary>
    public Action<string> Log { get; init; } = line => Console.Error.WriteLine(line);
}
