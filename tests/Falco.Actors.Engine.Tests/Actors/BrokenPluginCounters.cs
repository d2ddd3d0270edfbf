using System.Runtime.InteropServices;

namespace Falco.Actors.Engine.Tests.Actors;

/// <summary>libbroken.so's own counters of plugin_init and plugin_destroy calls (process-wide).</summary>
internal static unsafe class BrokenPluginCounters
{
    /// <summary>Tests that run libbroken.so share its counters, so they do not run in parallel.</summary>
    public const string Collection = "libbroken.so";

    private static readonly nint Library = NativeLibrary.Load(TestPlugins.Native("libbroken.so"));

    public static int Inits => ((delegate* unmanaged[Cdecl]<int>)NativeLibrary.GetExport(Library, "broken_init_count"))();

    public static int Destroys => ((delegate* unmanaged[Cdecl]<int>)NativeLibrary.GetExport(Library, "broken_destroy_count"))();
}
