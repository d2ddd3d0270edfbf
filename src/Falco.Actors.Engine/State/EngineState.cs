using System.Collections.Immutable;
using Falco.Actors.Engine.Cluster;

namespace Falco.Actors.Engine.State;

/// <summary>
/// What a single-node run keeps in <c>engine_actors.state_dir</c> (<see cref="EngineStateFile"/>): each source's
/// written position (the <see cref="SourceWrites"/> a cluster keeps in Akka.DistributedData), and how long the file
/// output was when those positions were reached, so a restarted run cuts the file back there and writes the rest
/// again exactly once.
/// </summary>
public sealed record EngineState(ImmutableDictionary<string, SourceState> Sources, OutputFileState? FileOutput)
{
    public static readonly EngineState Empty = new(ImmutableDictionary<string, SourceState>.Empty.WithComparers(StringComparer.Ordinal), null);
}

/// <summary>
/// One source's position. <paramref name="Identity"/> is the plugin and open parameters that produced it: a position
/// is only taken up by a run reading the same stream.
/// </summary>
public sealed record SourceState(string Identity, SourceWrites Writes);

/// <summary>The file output's length (bytes) once every alert up to the sources' positions was written to it.</summary>
public sealed record OutputFileState(string Path, long Length);
