namespace Falco.Actors.Engine.Cluster.Serialization;

/// <summary>
/// A message that may cross nodes. Every type carrying it is written by <see cref="WireSerializer"/> (the one binding
/// is on this interface), never by Akka's default JSON serializer; a type the serializer does not know fails loudly.
/// <c>docs/contributing.md</c> ("A message that crosses nodes") says what a new one needs.
/// </summary>
public interface IWireMessage;
