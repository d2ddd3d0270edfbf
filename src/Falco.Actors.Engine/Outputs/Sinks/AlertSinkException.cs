namespace Falco.Actors.Engine.Outputs.Sinks;

/// <summary>An output that cannot be set up or cannot deliver; the message starts with the output's name.</summary>
public sealed class AlertSinkException : Exception
{
    public AlertSinkException(string sinkName, string message, Exception? inner = null)
        : base($"{sinkName} output: {message}", inner)
    {
        SinkName = sinkName;
    }

    public string SinkName { get; }
}
