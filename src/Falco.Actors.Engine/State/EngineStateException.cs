namespace Falco.Actors.Engine.State;

/// <summary>The state folder cannot be used, or the state saved in it cannot be read; the message names the path.</summary>
public sealed class EngineStateException(string message, Exception? inner = null) : Exception(message, inner);
