using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Loading;
using Falco.Actors.Plugins.Tests.Native;

namespace Falco.Actors.Plugins.Tests.Loading;

/// <summary>A plugin library another local user could have written is refused before it is opened (real files and modes).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class LibraryFileGuardTests
{
    private static PluginSet LoadCounterFrom(string file) =>
        PluginSet.Load([new("counter", file, """{"count":1}""")], null);

    private static string CopyCounter(TempFolder folder, string subfolder = "")
    {
        var dir = Path.Combine(folder.FullName, subfolder);
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "libcounter.so");
        File.Copy(TestPlugins.PathOf("counter"), file);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                                   | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return file;
    }

    [Fact]
    public void A_file_of_the_runner_with_the_usual_mode_loads()
    {
        using var folder = new TempFolder();
        var file = CopyCounter(folder);
        Assert.Equal(["counter"], LoadCounterFrom(file).Sources);
    }

    [Fact]
    public void A_world_writable_file_is_refused_with_the_plugin_path_mode_and_fix()
    {
        using var folder = new TempFolder();
        var file = CopyCounter(folder);
        File.SetUnixFileMode(file, File.GetUnixFileMode(file) | UnixFileMode.OtherWrite);

        var e = Assert.Throws<PluginException>(() => LoadCounterFrom(file));
        Assert.Contains("plugin 'counter'", e.Message);
        Assert.Contains(file, e.Message);
        Assert.Contains("writable by every user (mode 0746", e.Message);
        Assert.Contains($"Fix: chmod o-w '{file}'", e.Message);
    }

    [Fact]
    public void A_link_to_a_world_writable_file_is_refused_naming_both()
    {
        using var folder = new TempFolder();
        var file = CopyCounter(folder, "real");
        File.SetUnixFileMode(file, File.GetUnixFileMode(file) | UnixFileMode.OtherWrite);
        var link = folder.PathOf("libcounter.so");
        File.CreateSymbolicLink(link, file);

        var e = Assert.Throws<PluginException>(() => LoadCounterFrom(link));
        Assert.Contains($"'{link}' (-> '{file}')", e.Message);
    }

    [Fact]
    public void A_world_writable_directory_is_refused_unless_sticky()
    {
        using var folder = new TempFolder();
        var file = CopyCounter(folder, "shared");
        var dir = Path.GetDirectoryName(file)!;
        var open = (UnixFileMode)0b111_111_111;
        File.SetUnixFileMode(dir, open);

        var e = Assert.Throws<PluginException>(() => LoadCounterFrom(file));
        Assert.Contains($"its directory '{dir}' is writable by every user without the sticky bit (mode 0777)", e.Message);
        Assert.Contains("chmod +t", e.Message);

        // With the sticky bit (as /tmp) only the file's owner can rename or delete it.
        File.SetUnixFileMode(dir, open | UnixFileMode.StickyBit);
        Assert.Equal(["counter"], LoadCounterFrom(file).Sources);
    }

    [RootFact]
    public void A_file_owned_by_another_non_root_user_is_refused()
    {
        using var folder = new TempFolder();
        var file = CopyCounter(folder);
        File.SetUnixFileMode(folder.FullName, (UnixFileMode)0b111_101_101);
        Chown(file, "65534"); // nobody

        var e = Assert.Throws<PluginException>(() => LoadCounterFrom(file));
        Assert.Contains("owned by ", e.Message);
        Assert.Contains("uid 65534)", e.Message);
        Assert.Contains("neither root nor the user running falco-actors", e.Message);
        Assert.Contains($"Fix: chown 0 '{file}'", e.Message);
    }

    private static void Chown(string file, string owner)
    {
        using var chown = System.Diagnostics.Process.Start("chown", [owner, file]);
        chown.WaitForExit();
        Assert.Equal(0, chown.ExitCode);
    }

    /// <summary>Only root can give a file to another user: the case is skipped, and says so, otherwise.</summary>
    private sealed class RootFactAttribute : FactAttribute
    {
        public RootFactAttribute()
        {
            if (Environment.UserName != "root")
            {
                Skip = "needs root to give a file to another user (chown)";
            }
        }
    }
}
