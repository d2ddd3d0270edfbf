namespace Falco.Actors.Engine.Monitoring;

/// <summary>The webserver could not start (address in use, bad listen_address...); the message says which and why.</summary>
public sealed class WebServerException(string message, Exception? inner = null) : Exception(message, inner);
