namespace Falco.Actors.Engine.State;

/// <summary>
/// Before a run with a state folder writes to <c>file_output</c>: the file is cut back to its length when the saved
/// positions were reached (the alerts after them are written again by this run, so each is in the file once), and
/// a last line without its newline (a write cut short by a crash) is removed. Only a file at least as long as the
/// saved length is cut back to it: a shorter one was rotated or truncated since, and keeps its whole lines.
/// </summary>
public static class FileOutputRecovery
{
    /// <summary>What was removed, for the log; null when the file was left as it was.</summary>
    public static string? Repair(string path, OutputFileState? saved)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        var length = file.Length;
        var keep = saved is not null && saved.Path == path && saved.Length <= length ? saved.Length : length;
        keep = WholeLines(file, keep);
        if (keep == length)
        {
            return null;
        }
        file.SetLength(keep);
        return $"file output {path}: cut back from {length} to {keep} bytes (what followed the saved positions is written again)";
    }

    /// <summary>The length of the whole lines in the first <paramref name="length"/> bytes.</summary>
    private static long WholeLines(FileStream file, long length)
    {
        var buffer = new byte[4096];
        var end = length;
        while (end > 0)
        {
            var start = Math.Max(0, end - buffer.Length);
            var count = (int)(end - start);
            file.Position = start;
            file.ReadExactly(buffer, 0, count);
            var newline = Array.LastIndexOf(buffer, (byte)'\n', count - 1, count);
            if (newline >= 0)
            {
                return start + newline + 1;
            }
            end = start;
        }
        return 0;
    }
}
