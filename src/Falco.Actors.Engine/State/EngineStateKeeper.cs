using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Outputs;

namespace Falco.Actors.Engine.State;

/// <summary>
/// On one node with <c>engine_actors.state_dir</c>, the output router's positions child (in a cluster it is the
/// <see cref="WrittenPositionsPublisher"/>): at start it hands the router the positions saved by the last run (those
/// of a source whose plugin or open parameters changed are dropped: they belong to another stream), then saves the
/// positions it is given (<see cref="PublishPositions"/>, released by the router once the outputs wrote everything
/// before them) to <see cref="EngineStateFile"/>: at once when urgent or when <see cref="Interval"/> has passed since
/// the last save, else when it has, so a busy run saves a few times a second at most. Whatever is not saved yet is
/// saved on <see cref="PublishRemaining"/> and when the actor stops.
/// </summary>
public sealed class EngineStateKeeper : ReceiveActor, IWithTimers
{
    /// <summary>Longest a position waits to be saved (what a crash can make the next run write again, on stdout or HTTP).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private const string SaveTimer = "save";
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _directory;
    private readonly EngineState _saved;
    private readonly IReadOnlyDictionary<string, string> _identities;
    private readonly string? _fileOutput;
    private long _fileOutputLength;
    private PublishPositions? _pending;
    private long _lastSave;
    private bool _failing;

    /// <param name="saved">What the last run saved (<see cref="EngineStateFile.Load"/>).</param>
    /// <param name="identities">Each source this run reads → its plugin and open parameters (<see cref="Identity"/>).</param>
    /// <param name="fileOutput">The file output's path, or null.</param>
    public EngineStateKeeper(string directory, EngineState saved, IReadOnlyDictionary<string, string> identities, string? fileOutput)
    {
        _directory = directory;
        _saved = saved;
        _identities = identities;
        _fileOutput = fileOutput;
        Receive<PublishPositions>(positions =>
        {
            _pending = positions;
            if (positions.Urgent || Stopwatch.GetElapsedTime(_lastSave) >= Interval)
            {
                Save();
            }
            else if (!Timers.IsTimerActive(SaveTimer))
            {
                Timers.StartSingleTimer(SaveTimer, SaveNow.Instance, Interval - Stopwatch.GetElapsedTime(_lastSave));
            }
        });
        Receive<SaveNow>(_ => Save());
        Receive<PublishRemaining>(_ =>
        {
            Save();
            Sender.Tell(PositionsPublished.Instance);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string directory, EngineState saved, IReadOnlyDictionary<string, string> identities, string? fileOutput) =>
        Akka.Actor.Props.Create(() => new EngineStateKeeper(directory, saved, identities, fileOutput));

    /// <summary>What a saved position belongs to: the plugin and the open parameters that produced the stream.</summary>
    public static string Identity(string pluginName, string openParams) => pluginName + "\n" + openParams;

    protected override void PreStart()
    {
        // The file output as this run found it (after FileOutputRecovery): its length until the first write answers.
        _fileOutputLength = _fileOutput is not null && File.Exists(_fileOutput) ? new FileInfo(_fileOutput).Length : 0;
        var kept = ImmutableDictionary.CreateBuilder<string, SourceWrites>(StringComparer.Ordinal);
        foreach (var (source, state) in _saved.Sources)
        {
            if (_identities.TryGetValue(source, out var identity) && identity != state.Identity)
            {
                _log.Warning("source {0}: the saved position belongs to other open parameters or another plugin; reading from the start", source);
                continue;
            }
            kept[source] = state.Writes; // the guardian says where it resumes
        }
        Context.Parent.Tell(new WrittenPositionsRead(kept.ToImmutable()));
    }

    protected override void PostStop() => Save();

    private void Save()
    {
        Timers.Cancel(SaveTimer);
        if (_pending is not { } positions)
        {
            return;
        }
        _pending = null;
        _lastSave = Stopwatch.GetTimestamp();
        if (positions.FileOutputLength >= 0)
        {
            _fileOutputLength = positions.FileOutputLength;
        }
        var sources = positions.Writes.ToImmutableDictionary(kv => kv.Key,
            kv => new SourceState(_identities.GetValueOrDefault(kv.Key) ?? _saved.Sources.GetValueOrDefault(kv.Key)?.Identity ?? "", kv.Value),
            StringComparer.Ordinal);
        var state = new EngineState(sources, _fileOutput is null ? null : new OutputFileState(_fileOutput, _fileOutputLength));
        try
        {
            EngineStateFile.Save(_directory, state);
            if (_failing)
            {
                _log.Warning("state folder {0}: positions saved again", _directory);
                _failing = false;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (!_failing)
            {
                // Once per failure streak: the run goes on; a restart would read again from the last saved positions.
                _log.Error("state folder {0}: cannot save the written positions: {1}", _directory, e.Message);
                _failing = true;
            }
        }
    }

    private sealed record SaveNow : INoSerializationVerificationNeeded
    {
        public static readonly SaveNow Instance = new();
    }
}
