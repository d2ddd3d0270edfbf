using System.Runtime.InteropServices;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Files;

namespace Falco.Actors.Plugins.Loading;

/// <summary>
/// Refuses a plugin library that another local user could have written: loading it runs its code with this
/// process's rights (often root). Falco loads any file; Falco.Actors refuses, before the library is opened, a file
/// that is writable by every user, a file owned by a user other than root and the one running, and a file any of
/// whose directories (up to /) is writable by every user without the sticky bit (anyone could rename the file away
/// and put another in its place; with the sticky bit, as on /tmp, only the file's owner can). Root-owned files and
/// the runner's own files pass, so packaged plugins and those built by the user load as before.
/// </summary>
public static class LibraryFileGuard
{
    private const uint OtherWrite = 0b000_000_010; // S_IWOTH
    private const uint Sticky = 0b1_000_000_000; // S_ISVTX

    /// <summary>Throws a <see cref="PluginException"/> naming the plugin, the path, the owner/mode and the fix.</summary>
    public static void Check(string pluginName, string file)
    {
        var target = new FileInfo(file).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(file);
        var shown = target == Path.GetFullPath(file) ? $"'{file}'" : $"'{file}' (-> '{target}')";
        var self = EffectiveUid();
        if (Stat(target) is not { } stat)
        {
            return;
        }
        if ((stat.Mode & OtherWrite) != 0)
        {
            throw Refused(pluginName, shown, $"the file is writable by every user (mode {Octal(stat.Mode)}, owner {UserName(stat.Uid)}): any local user could replace the code this process runs",
                $"chmod o-w '{target}'");
        }
        if (self is { } uid && stat.Uid != uint.MaxValue && stat.Uid != 0 && stat.Uid != uid)
        {
            throw Refused(pluginName, shown, $"the file is owned by {UserName(stat.Uid)}, neither root nor the user running falco-actors ({UserName(uid)}): that user could replace the code this process runs",
                $"chown {uid} '{target}' (or install the plugin as root)");
        }
        for (var dir = Path.GetDirectoryName(target); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (Stat(dir) is { } d && (d.Mode & OtherWrite) != 0 && (d.Mode & Sticky) == 0)
            {
                throw Refused(pluginName, shown, $"its directory '{dir}' is writable by every user without the sticky bit (mode {Octal(d.Mode)}): any local user could put another file in its place",
                    $"chmod o-w '{dir}' (or chmod +t '{dir}'), or move the plugin to a directory only root or you can write");
            }
        }
    }

    private static PluginException Refused(string plugin, string shown, string why, string fix) =>
        new($"Cannot load plugin '{plugin}' from {shown}: refused because {why}. Fix: {fix}");

    private static string Octal(uint mode) => "0" + Convert.ToString(mode & 0b111_111_111_111, 8);

    private readonly record struct FileStat(uint Uid, uint Mode);

    /// <summary>Owner and mode of a path (links followed), by <see cref="FileStatus"/>.</summary>
    private static FileStat? Stat(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null; // Falco.Actors runs on Linux; elsewhere nothing is checked.
        }
        try
        {
            return FileStatus.TryGet(path, followLinks: true, out var status, out _) ? new FileStat(status.Uid, status.Mode) : null;
        }
        catch (EntryPointNotFoundException)
        {
            // A C library without statx (before glibc 2.28): the mode alone is checked.
            return new FileStat(uint.MaxValue, (uint)File.GetUnixFileMode(path));
        }
    }

    private static uint? EffectiveUid() => OperatingSystem.IsLinux() ? GetEuid() : null;

    /// <summary>"name (uid N)" from /etc/passwd, or "uid N".</summary>
    private static string UserName(uint uid)
    {
        try
        {
            foreach (var line in File.ReadLines("/etc/passwd"))
            {
                var parts = line.Split(':');
                if (parts.Length > 2 && parts[2] == uid.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    return $"{parts[0]} (uid {uid})";
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return $"uid {uid}";
    }

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEuid();
}
