using Falco.Actors.Plugins.CloudTrail.Reading;
using Falco.Actors.Plugins.Files;

namespace Falco.Actors.Plugins.CloudTrail.Sources;

/// <summary>
/// Lists the log files under a local path in Go's <c>filepath.Walk</c> order (each directory's entries sorted by
/// name, a directory's files where its name sorts), looking at each entry with stat, never opening it.
/// <list type="bullet">
/// <item>Links are followed, but every directory is walked and every file listed once, by device and inode: a link
/// back up the tree (<c>x/y/up -> ..</c>, <c>self -> .</c>) or a second link to a listed file is reported as
/// <see cref="ProblemKind.FileAlreadyListed"/> instead of repeating its events (or never ending).</item>
/// <item>A log-file name (<see cref="LogFileNames.IsLogFile"/>) that is a dangling link, a link loop, a FIFO, socket
/// or device, or cannot be looked at, is listed as skipped with its reason; other names are ignored, as Go does. A
/// directory is walked whatever its name (so is one named <c>x.json.gz</c>, as in Go); one that cannot be read is
/// skipped with its reason.</item>
/// </list>
/// </summary>
public static class LocalLogWalk
{
    /// <summary>A listed entry: a file to read, or one passed over (<see cref="Skip"/> says why).</summary>
    public sealed record Entry(string Name, LogFileSkip? Skip = null);

    public static IReadOnlyList<Entry> List(string path)
    {
        var walk = new Walker();
        walk.Visit(path, root: true);
        return walk.Entries;
    }

    /// <summary>
    /// Just before opening: null when <paramref name="name"/> is still a regular file (a FIFO put there since the
    /// listing would block the open for ever), else why it is skipped.
    /// </summary>
    public static LogFileSkip? CheckStillRegular(string name) =>
        FileStatus.TryGet(name, followLinks: true, out var status, out var errno)
            ? status.Kind == FileKind.Regular ? null : NotRegular(name, status.Kind)
            : Unstattable(name, errno);

    private static LogFileSkip NotRegular(string name, FileKind kind) =>
        new(name, $"not a regular file ({Describe(kind)}): not opened", ProblemKind.FileNotRegular);

    private static LogFileSkip Unstattable(string name, int errno)
    {
        var isLink = FileStatus.TryGet(name, followLinks: false, out var own, out _) && own.Kind == FileKind.SymbolicLink;
        return errno switch
        {
            FileStatus.ELOOP => new(name, "symbolic link loop: too many levels of symbolic links", ProblemKind.FileLinkLoop),
            FileStatus.ENOENT or FileStatus.ENOTDIR when isLink =>
                new(name, $"dangling symbolic link to '{LinkTarget(name)}'", ProblemKind.FileDanglingLink),
            _ => new(name, $"cannot look at it: {FileStatus.Describe(errno)}", ProblemKind.FileUnreadable),
        };
    }

    private static string LinkTarget(string name)
    {
        try
        {
            return new FileInfo(name).LinkTarget ?? "?";
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Fifo => "a FIFO",
        FileKind.Socket => "a socket",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Directory => "a directory",
        _ => "not a file",
    };

    private sealed class Walker
    {
        // Device and inode of every directory walked and file listed, with the name it was first met under.
        private readonly Dictionary<(ulong Device, ulong Inode), string> _seen = [];

        public List<Entry> Entries { get; } = [];

        public void Visit(string name, bool root)
        {
            if (!FileStatus.TryGet(name, followLinks: true, out var status, out var errno))
            {
                if (root || LogFileNames.IsLogFile(name))
                {
                    Entries.Add(new Entry(name, Unstattable(name, errno)));
                }
                return;
            }
            if (status.Kind == FileKind.Directory)
            {
                if (FirstTime(name, status) is { } first)
                {
                    Entries.Add(new Entry(name, new LogFileSkip(name,
                        $"the directory '{first}' again (through a link): not walked twice", ProblemKind.FileAlreadyListed)));
                    return;
                }
                WalkDirectory(name);
                return;
            }
            if (!LogFileNames.IsLogFile(name))
            {
                return;
            }
            if (status.Kind != FileKind.Regular)
            {
                Entries.Add(new Entry(name, NotRegular(name, status.Kind)));
                return;
            }
            Entries.Add(FirstTime(name, status) is { } same
                ? new Entry(name, new LogFileSkip(name, $"the same file as '{same}' (through a link): not read twice", ProblemKind.FileAlreadyListed))
                : new Entry(name));
        }

        private void WalkDirectory(string directory)
        {
            string[] entries;
            try
            {
                entries = Directory.GetFileSystemEntries(directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Entries.Add(new Entry(directory, new LogFileSkip(directory,
                    $"cannot read the directory: {e.Message}", ProblemKind.FileUnreadable)));
                return;
            }
            // Go's Walk visits entries in lexical order, descending into directories where they sort.
            Array.Sort(entries, StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                Visit(entry, root: false);
            }
        }

        /// <summary>Null the first time this device and inode is met; else the name it was first met under.</summary>
        private string? FirstTime(string name, FileStatus status) =>
            _seen.TryAdd((status.Device, status.Inode), name) ? null : _seen[(status.Device, status.Inode)];
    }
}
