namespace Falco.Actors.Engine.Outputs.Sinks;

/// <summary>What <see cref="AlertSinkFactory"/> takes besides the configuration: the host's side of the outputs.</summary>
public sealed record AlertSinkOptions
{
    public static readonly AlertSinkOptions Default = new();

    /// <summary>Falco's <c>-U</c>: flush every alert whatever <c>buffered_outputs</c> says.</summary>
    public bool Unbuffered { get; init; }

    /// <summary>Where <c>stdout_output</c> writes (the caller's, flushed but never closed); null: the process's standard output.</summary>
    public TextWriter? Stdout { get; init; }

    /// <summary>Where an output that cannot be set up is reported (<c>Error: ... (this output is disabled)</c>); null: nowhere.</summary>
    public TextWriter? Errors { get; init; }
}
