namespace Falco.Actors.Cli.Startup;

/// <summary>Start-up cannot go on (bad configuration, plugin or rules); the message says what and where.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
