namespace Falco.Actors.Plugins.Capture;

/// <summary>A capture file is not in libscap's format; the message names the file, the byte offset and the problem.</summary>
public sealed class ScapFormatException(string message) : Exception(message);
