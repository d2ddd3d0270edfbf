namespace Falco.Actors.Engine.Sources;

/// <summary>
/// Where a plugin's stream stood just after its event <paramref name="Through"/>: the plugin's own text
/// (<see cref="Falco.Actors.Plugins.Abstractions.IResumableSession.PositionAfter"/>), from which a later session of
/// the same source continues without reading what came before. Kept with the batches (guardian), with what was
/// written (output router, DistributedData), and handed to a new session (<see cref="ResumeFrom"/>).
/// </summary>
public sealed record StreamPosition(ulong Through, string Position);
