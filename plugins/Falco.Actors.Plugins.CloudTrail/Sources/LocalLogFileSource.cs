using Falco.Actors.Plugins.CloudTrail.Reading;
using Falco.Actors.Plugins.Files;

namespace Falco.Actors.Plugins.CloudTrail.Sources;

/// <summary>
/// Log files under a local path: the file itself, or every <c>.json</c>/<c>.json.gz</c> file below a directory
/// (recursively, in lexical order like Go's <c>filepath.Walk</c>), read as streams so memory stays bounded.
/// The walk (<see cref="LocalLogWalk"/>) follows links but walks a directory and lists a file once (by device and
/// inode), so a link loop cannot repeat events; an entry that is no readable regular file is handed out as
/// <see cref="FetchStatus.Skipped"/> at its place, and a FIFO is never opened.
/// </summary>
public sealed class LocalLogFileSource : ILogFileSource
{
    private readonly IReadOnlyList<LocalLogWalk.Entry> _entries;
    private int _next;

    private LocalLogFileSource(IReadOnlyList<LocalLogWalk.Entry> entries)
    {
        _entries = entries;
        Files = [.. entries.Where(e => e.Skip is null).Select(e => e.Name)];
    }

    /// <summary>Lists the files; errors use the Go plugin's messages.</summary>
    public static LocalLogFileSource Open(string path)
    {
        if (path.Length == 0)
        {
            throw new CloudTrailException("cloudtrail plugin error: missing input directory argument");
        }
        if (!FileStatus.TryGet(path, followLinks: true, out _, out _))
        {
            throw new CloudTrailException($"cloudtrail plugin error: cannot open {path}");
        }
        var entries = LocalLogWalk.List(path);
        if (entries.Count == 0)
        {
            throw new CloudTrailException($"cloudtrail plugin error: no json files found in {path}");
        }
        return new LocalLogFileSource(entries);
    }

    /// <summary>The files to read, in order (without the entries that are skipped).</summary>
    public IReadOnlyList<string> Files { get; }

    public int TotalFiles => _entries.Count;

    public int FilesStarted => _next;

    public LogFileSkip? LastSkip { get; private set; }

    public FetchStatus Next(out LogFile? file, CancellationToken cancel = default)
    {
        file = null;
        if (_next >= _entries.Count)
        {
            return FetchStatus.End;
        }
        var entry = _entries[_next++];
        LastSkip = entry.Skip ?? LocalLogWalk.CheckStillRegular(entry.Name);
        if (LastSkip is not null)
        {
            return FetchStatus.Skipped;
        }
        try
        {
            // Unbuffered: the splitter (plain) and gzip (compressed) read in large chunks of their own, so a buffer
            // here would only be a copy and a 64 KB allocation per file.
            file = new LogFile(entry.Name, new FileStream(entry.Name, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0));
            return FetchStatus.File;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LastSkip = new LogFileSkip(entry.Name, $"cannot open the file: {e.Message}", ProblemKind.FileUnreadable);
            return FetchStatus.Skipped;
        }
    }

    public bool SkipTo(string name)
    {
        if (_next != 0)
        {
            throw new InvalidOperationException("SkipTo is only possible before the first file is handed out");
        }
        for (var i = 0; i < _entries.Count; i++)
        {
            if (_entries[i].Skip is null && string.Equals(_entries[i].Name, name, StringComparison.Ordinal))
            {
                _next = i;
                return true;
            }
        }
        return false;
    }

    public void Dispose()
    {
    }
}
