namespace Falco.Actors.Cli.Capture;

/// <summary>The last progress a source's session reported (NaN: none), read by the progress line.</summary>
public sealed class SourceProgress
{
    private double _percent = double.NaN;

    public double Percent
    {
        get => Volatile.Read(ref _percent);
        set => Volatile.Write(ref _percent, value);
    }
}
