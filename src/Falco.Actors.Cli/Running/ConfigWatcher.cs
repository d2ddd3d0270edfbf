namespace Falco.Actors.Cli.Running;

/// <summary>
/// <c>watch_config_files</c>: watches the files read at the start (the configuration, every rules file) for changes
/// and the rules folders for files created, deleted or renamed in them, and calls back once the changes have settled
/// (nothing more for <see cref="Settle"/>), as Falco debounces its inotify events before it restarts. A file is
/// watched through its folder, so an editor that replaces it (a write to a new file, then a rename) is seen too.
/// <see cref="Watch"/> replaces what is watched (after a reload that read other files). Thread-safe.
/// </summary>
public sealed class ConfigWatcher : IDisposable
{
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(250);

    private readonly Action _changed;
    private readonly Action<string> _warn;
    private readonly Timer _settle;
    private readonly Lock _lock = new();
    private readonly List<FileSystemWatcher> _watchers = [];
    private HashSet<string> _files = [];
    private HashSet<string> _folders = [];

    /// <param name="warn">Told about a folder that cannot be watched (the inotify limits reached, say): SIGHUP still reloads.</param>
    public ConfigWatcher(Action changed, Action<string> warn)
    {
        _changed = changed;
        _warn = warn;
        _settle = new Timer(_ => _changed());
    }

    /// <summary>Watches <paramref name="files"/> and <paramref name="folders"/> (full paths) instead of what was watched.</summary>
    public void Watch(IEnumerable<string> files, IEnumerable<string> folders)
    {
        lock (_lock)
        {
            Close();
            _files = [.. files.Select(Path.GetFullPath)];
            _folders = [.. folders.Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(f)))];
            var parents = _files.Select(Path.GetDirectoryName).OfType<string>().Concat(_folders).Distinct(StringComparer.Ordinal);
            foreach (var folder in parents.Where(Directory.Exists))
            {
                var watcher = new FileSystemWatcher(folder)
                {
                    NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.Size,
                    IncludeSubdirectories = false,
                };
                watcher.Changed += OnEvent;
                watcher.Created += OnEvent;
                watcher.Deleted += OnEvent;
                watcher.Renamed += OnEvent;
                try
                {
                    watcher.EnableRaisingEvents = true;
                    _watchers.Add(watcher);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
                {
                    watcher.Dispose();
                    _warn($"watch_config_files: cannot watch '{folder}': {e.Message}; changes there reload only on SIGHUP");
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            Close();
        }
        _settle.Dispose();
    }

    private void OnEvent(object sender, FileSystemEventArgs e)
    {
        bool relevant;
        lock (_lock)
        {
            var folder = Path.GetDirectoryName(e.FullPath) ?? "";
            relevant = _files.Contains(e.FullPath)
                       || (e is RenamedEventArgs renamed && _files.Contains(renamed.OldFullPath))
                       || (_folders.Contains(folder) && e.ChangeType != WatcherChangeTypes.Changed);
        }
        if (relevant)
        {
            // Every event restarts the wait: one reload once the writes have settled.
            _settle.Change(Settle, Timeout.InfiniteTimeSpan);
        }
    }

    private void Close()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }
        _watchers.Clear();
    }
}
