using System.Runtime.Serialization;

namespace Falco.Actors.Engine.Cluster.Serialization;

/// <summary>A message on the wire that cannot be read (truncated, malformed, or of an unknown manifest).</summary>
public sealed class WireFormatException(string message) : SerializationException(message);
