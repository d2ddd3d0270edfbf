using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Sources;
using Falco.Actors.Engine.State;

namespace Falco.Actors.Engine.Tests.State;

/// <summary>
/// The state keeper hands the router the positions saved by the last run (of the same streams only) and saves what
/// the router gives it to the state folder, whole, at once when urgent and on a hand-over.
/// </summary>
public sealed class EngineStateKeeperTests : TestKit, IDisposable
{
    private readonly TempDirectory _dir = new();

    void IDisposable.Dispose()
    {
        _dir.Dispose();
        Dispose();
    }

    private IActorRef Keeper(EngineState saved, string? fileOutput = null) =>
        ChildActorOf(EngineStateKeeper.Props(_dir.Path, saved, new Dictionary<string, string>
        {
            ["a"] = EngineStateKeeper.Identity("plugin-a", "params-a"),
            ["b"] = EngineStateKeeper.Identity("plugin-b", "params-b"),
        }, fileOutput));

    [Fact]
    public void Hands_over_the_saved_positions_of_the_same_streams_only()
    {
        var at = new StreamPosition(40, "file-1:3");
        var saved = EngineState.Empty with
        {
            Sources = EngineState.Empty.Sources
                .Add("a", new SourceState(EngineStateKeeper.Identity("plugin-a", "params-a"), new SourceWrites(5, 4, 40, at, false)))
                .Add("b", new SourceState(EngineStateKeeper.Identity("plugin-b", "other-params"), new SourceWrites(5, 9, 90, null, false))),
        };
        Keeper(saved);
        var read = ExpectMsg<WrittenPositionsRead>();
        Assert.Equal(["a"], read.Writes.Keys);
        Assert.Equal(new SourceWrites(5, 4, 40, at, false), read.Writes["a"]);
    }

    [Fact]
    public void Saves_an_urgent_publication_at_once_and_the_rest_on_a_hand_over_with_the_file_length()
    {
        var file = _dir.Write("alerts.txt", "x\n");
        var keeper = Keeper(EngineState.Empty, file);
        ExpectMsg<WrittenPositionsRead>();
        var writes = ImmutableDictionary<string, SourceWrites>.Empty.Add("a", new SourceWrites(7, 1, 10, null, false));

        keeper.Tell(new PublishPositions(writes, Urgent: true) { FileOutputLength = 2 });
        AwaitAssert(() => Assert.Equal(10UL, EngineStateFile.Load(_dir.Path).Sources["a"].Writes.WrittenThrough));

        var later = writes.SetItem("a", new SourceWrites(7, 2, 20, new StreamPosition(20, "p"), false));
        keeper.Tell(new PublishPositions(later, Urgent: false) { FileOutputLength = 50 });
        keeper.Tell(PublishRemaining.Instance);
        ExpectMsg<PositionsPublished>();
        var state = EngineStateFile.Load(_dir.Path);
        Assert.Equal(new SourceWrites(7, 2, 20, new StreamPosition(20, "p"), false), state.Sources["a"].Writes);
        Assert.Equal(EngineStateKeeper.Identity("plugin-a", "params-a"), state.Sources["a"].Identity);
        Assert.Equal(new OutputFileState(file, 50), state.FileOutput);
        Assert.False(File.Exists(EngineStateFile.PathIn(_dir.Path) + ".tmp"));
    }

    [Fact]
    public void Before_any_write_answers_the_file_length_is_the_files_at_start()
    {
        var file = _dir.Write("alerts.txt", "one\ntwo\n");
        var keeper = Keeper(EngineState.Empty, file);
        ExpectMsg<WrittenPositionsRead>();
        keeper.Tell(new PublishPositions(ImmutableDictionary<string, SourceWrites>.Empty.Add("a", new SourceWrites(1, 0, 5, null, false)), Urgent: true));
        keeper.Tell(PublishRemaining.Instance);
        ExpectMsg<PositionsPublished>();
        Assert.Equal(new OutputFileState(file, 8), EngineStateFile.Load(_dir.Path).FileOutput);
    }
}
