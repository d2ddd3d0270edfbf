namespace Falco.Actors.Cli.Capture;

/// <summary>The number of the last event a source's sessions recorded (sessions of one source run one at a time).</summary>
public sealed class RecordMark
{
    public ulong Last { get; set; }
}
