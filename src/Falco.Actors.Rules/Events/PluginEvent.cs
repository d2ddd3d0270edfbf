namespace Falco.Actors.Rules.Events;

/// <summary>
/// The event the engine evaluates: a plugin event (scap type 322) with its number, timestamp, producing plugin id
/// and payload. The payload is borrowed from the batch that holds it and is valid while that batch is.
/// </summary>
public readonly record struct PluginEvent(ulong Num, ulong TimestampNs, uint PluginId, ReadOnlyMemory<byte> Payload);
