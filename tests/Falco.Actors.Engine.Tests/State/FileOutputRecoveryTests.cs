using Falco.Actors.Engine.State;

namespace Falco.Actors.Engine.Tests.State;

/// <summary>The file output is cut back to its saved length, and never keeps a line a crash cut in half.</summary>
public sealed class FileOutputRecoveryTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_file_is_cut_back_to_the_length_saved_with_the_positions()
    {
        var path = _dir.Write("alerts.txt", "one\ntwo\nthree\nfou");
        var message = FileOutputRecovery.Repair(path, new OutputFileState(path, 8));
        Assert.Equal("one\ntwo\n", File.ReadAllText(path));
        Assert.Equal($"file output {path}: cut back from 17 to 8 bytes (what followed the saved positions is written again)", message);
    }

    [Fact]
    public void Without_a_saved_length_only_a_half_written_last_line_goes()
    {
        var path = _dir.Write("alerts.txt", "one\ntwo\nthr");
        Assert.NotNull(FileOutputRecovery.Repair(path, null));
        Assert.Equal("one\ntwo\n", File.ReadAllText(path));
        Assert.Null(FileOutputRecovery.Repair(path, null)); // whole lines: left as they are
        Assert.Equal("one\ntwo\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_file_shorter_than_saved_was_rotated_and_keeps_its_whole_lines()
    {
        var path = _dir.Write("alerts.txt", "new\n");
        Assert.Null(FileOutputRecovery.Repair(path, new OutputFileState(path, 500)));
        Assert.Equal("new\n", File.ReadAllText(path));
        var other = _dir.Write("other.txt", "a\nb\n");
        Assert.Null(FileOutputRecovery.Repair(other, new OutputFileState(path, 2))); // saved for another file
        Assert.Equal("a\nb\n", File.ReadAllText(other));
    }

    [Fact]
    public void A_long_line_without_its_newline_is_removed_whole()
    {
        var path = _dir.Write("alerts.txt", "first\n" + new string('x', 10_000));
        FileOutputRecovery.Repair(path, null);
        Assert.Equal("first\n", File.ReadAllText(path));
        var missing = _dir.File("none.txt");
        Assert.Null(FileOutputRecovery.Repair(missing, null));
        Assert.False(File.Exists(missing));
    }
}
