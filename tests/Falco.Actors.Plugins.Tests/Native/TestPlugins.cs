using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Events;
using Falco.Actors.Plugins.Native;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Tests.Native;

/// <summary>The C test plugins compiled by tests/native-plugins/Makefile, found relative to the repository root.</summary>
internal static class TestPlugins
{
    public static readonly string BuildDir = Path.Combine(FindRoot(), "tests", "native-plugins", "build");

    public static string PathOf(string name) => Path.Combine(BuildDir, $"lib{name}.so");

    public static IPlugin Load(string name, PluginLogger? log = null) => NativePluginLoader.Load(PathOf(name), log);

    /// <summary>Streams a session to EOF, returning every event (copied) and the statuses seen.</summary>
    public static List<(ulong Num, ulong Ts, uint Id, string Payload)> ReadAll(IPluginSession session, List<BatchStatus>? statuses = null)
    {
        var events = new List<(ulong, ulong, uint, string)>();
        var batch = new EventBatch(4, 64);
        for (var guard = 0; guard < 10_000; guard++)
        {
            batch.Clear();
            var status = session.NextBatch(batch);
            statuses?.Add(status);
            for (var i = 0; i < batch.Count; i++)
            {
                var e = batch[i];
                events.Add((e.Num, e.TimestampNs, e.PluginId, System.Text.Encoding.UTF8.GetString(e.Payload.Span)));
            }
            if (status == BatchStatus.Eof)
            {
                return events;
            }
        }
        throw new InvalidOperationException("the stream never ended");
    }

    /// <summary>A request for a field by name, its slot being its position in the list asked for.</summary>
    public static FieldRequest Request(PluginInfo info, int slot, string name, FieldArgument arg = default)
    {
        var id = info.Fields.Select((f, i) => (f, i)).Single(x => x.f.Name == name).i;
        var f = info.Fields[id];
        return new FieldRequest(slot, id, f.Type, f.IsList, arg);
    }

    public static PluginEvent Event(ulong num, string payload, uint pluginId = 999, ulong ts = 1) =>
        new(num, ts, pluginId, System.Text.Encoding.UTF8.GetBytes(payload));

    /// <summary>Calls an exported test hook of a plugin library (the same handle: dlopen is reference-counted).</summary>
    public static unsafe int CallHook(string name, string hook)
    {
        var lib = NativeLibrary.Load(PathOf(name));
        return ((delegate* unmanaged[Cdecl]<int>)NativeLibrary.GetExport(lib, hook))();
    }

    public static (PluginLogger Logger, ConcurrentQueue<(PluginLogSeverity, string, string)> Lines) Logger()
    {
        var lines = new ConcurrentQueue<(PluginLogSeverity, string, string)>();
        return ((s, c, m) => lines.Enqueue((s, c, m)), lines);
    }

    [DllImport("libc", EntryPoint = "gettid")]
    public static extern int GetTid();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "tests", "native-plugins", "Makefile")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("repository root (with tests/native-plugins/Makefile) not found above " + AppContext.BaseDirectory);
    }
}
