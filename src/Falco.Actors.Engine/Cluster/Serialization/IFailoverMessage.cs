namespace Falco.Actors.Engine.Cluster.Serialization;

/// <summary>
/// A message of source fail-over or output draining that may cross nodes; written by <see cref="FailoverSerializer"/>
/// (its own binding, so <see cref="WireSerializer"/> is unchanged).
/// </summary>
public interface IFailoverMessage;
