namespace Falco.Actors.Plugins.CloudTrail.Sources;

/// <summary>
/// Log files under a local path: the file itself, or every <c>.json</c>/<c>.json.gz</c> file below a directory
/// (recursively, in lexical order like Go's <c>filepath.Walk</c>), read as streams so memory stays bounded.
/// </summary>
public sealed class LocalLogFileSource : ILogFileSource
{
    private readonly IReadOnlyList<string> _files;
    private int _next;

    private LocalLogFileSource(IReadOnlyList<string> files) => _files = files;

    /// <summary>Lists the files; errors use the Go plugin's messages.</summary>
    public static LocalLogFileSource Open(string path)
    {
        if (path.Length == 0)
        {
            throw new CloudTrailException("cloudtrail plugin error: missing input directory argument");
        }
        List<string> files = [];
        if (File.Exists(path))
        {
            if (LogFileNames.IsLogFile(path))
            {
                files.Add(path);
            }
        }
        else if (Directory.Exists(path))
        {
            Walk(path, files);
        }
        else
        {
            throw new CloudTrailException($"cloudtrail plugin error: cannot open {path}");
        }
        if (files.Count == 0)
        {
            throw new CloudTrailException($"cloudtrail plugin error: no json files found in {path}");
        }
        return new LocalLogFileSource(files);
    }

    public IReadOnlyList<string> Files => _files;

    public int TotalFiles => _files.Count;

    public int FilesStarted => _next;

    public FetchStatus Next(out LogFile? file, CancellationToken cancel = default)
    {
        if (_next >= _files.Count)
        {
            file = null;
            return FetchStatus.End;
        }
        var name = _files[_next++];
        // Unbuffered: the splitter (plain) and gzip (compressed) read in large chunks of their own, so a buffer
        // here would only be a copy and a 64 KB allocation per file.
        file = new LogFile(name, new FileStream(name, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0));
        return FetchStatus.File;
    }

    public bool SkipTo(string name)
    {
        if (_next != 0)
        {
            throw new InvalidOperationException("SkipTo is only possible before the first file is handed out");
        }
        var index = LogFileNames.IndexOf(_files, name);
        if (index < 0)
        {
            return false;
        }
        _next = index;
        return true;
    }

    public void Dispose()
    {
    }

    private static void Walk(string directory, List<string> files)
    {
        // Go's Walk visits entries in lexical order, descending into directories where they sort.
        var entries = Directory.GetFileSystemEntries(directory);
        Array.Sort(entries, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (Directory.Exists(entry))
            {
                Walk(entry, files);
            }
            else if (LogFileNames.IsLogFile(entry))
            {
                files.Add(entry);
            }
        }
    }
}
