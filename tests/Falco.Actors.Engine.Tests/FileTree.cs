using System.Runtime.InteropServices;

namespace Falco.Actors.Tests.Shared;

/// <summary>
/// Real file system objects for fault tests (compiled into the engine, CLI and CloudTrail tests): a copy of a folder
/// tree (to plant faults in a sample without touching it) and a FIFO, which .NET cannot make.
/// </summary>
internal static partial class FileTree
{
    public static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (var dir in Directory.GetDirectories(from))
        {
            Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }

    /// <summary>mkfifo(path, 0644); 0 on success, as mkfifo returns.</summary>
    public static int MakeFifo(string path) => MkFifo(path, 0x1A4);

    [LibraryImport("libc", EntryPoint = "mkfifo", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkFifo(string path, uint mode);
}
