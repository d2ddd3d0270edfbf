namespace Falco.Actors.Cli.Options;

/// <summary>A command line that cannot be parsed (unknown option, missing or bad value).</summary>
public sealed class OptionsException(string message) : Exception(message);
