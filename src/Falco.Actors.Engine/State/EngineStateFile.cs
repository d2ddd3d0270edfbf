using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Sources;

namespace Falco.Actors.Engine.State;

/// <summary>
/// <c>&lt;state_dir&gt;/positions.json</c>: read once at start, replaced whole on every save (written beside it, then
/// renamed over it), so a crash at any moment leaves either the old or the new state, never half of one. Not
/// flushed to the disk on each save: the state survives the process (a crash, SIGKILL), not the machine.
/// </summary>
public static class EngineStateFile
{
    public const string FileName = "positions.json";
    private const int Version = 1;

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    /// <summary>The state kept in <paramref name="directory"/>; empty when there is none yet.</summary>
    /// <exception cref="EngineStateException">The folder cannot be used, or the file cannot be read.</exception>
    /// <param name="create">Create the folder when missing (false: a dry run, which changes nothing).</param>
    public static EngineState Load(string directory, bool create = true)
    {
        CheckWritable(directory, create);
        var path = PathIn(directory);
        if (!File.Exists(path))
        {
            return EngineState.Empty;
        }
        try
        {
            return Parse(JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new FormatException("not a JSON object"));
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            throw new EngineStateException($"{path}: cannot read the saved positions ({e.Message}); move the file away to start from the beginning", e);
        }
    }

    public static void Save(string directory, EngineState state)
    {
        var path = PathIn(directory);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, Format(state).ToJsonString());
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// The folder exists (it is created when missing) and a file can be created in it. With <paramref name="create"/>
    /// false (a dry run) nothing is created: the folder, or the nearest folder above it, must be writable.
    /// </summary>
    public static void CheckWritable(string directory, bool create = true)
    {
        try
        {
            if (!create)
            {
                var existing = directory;
                while (!Directory.Exists(existing))
                {
                    existing = Path.GetDirectoryName(existing) ?? throw new DirectoryNotFoundException(directory);
                }
                if (File.Exists(directory) || !Directory.Exists(existing))
                {
                    throw new IOException("not a directory");
                }
                if (!AccessAllows(existing))
                {
                    throw new UnauthorizedAccessException($"'{existing}' is not writable");
                }
                return;
            }
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, ".write-test");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EngineStateException($"engine_actors.state_dir: cannot keep the positions in '{directory}': {e.Message}", e);
        }
    }

    private static T Required<T>(JsonObject entry, string name) =>
        entry[name] is { } value ? value.GetValue<T>() : throw new FormatException($"'{name}' is missing");

    private static bool AccessAllows(string directory) =>
        OperatingSystem.IsWindows()
        || (File.GetUnixFileMode(directory) & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0;

    private static JsonObject Format(EngineState state)
    {
        var sources = new JsonObject();
        foreach (var (source, s) in state.Sources.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var w = s.Writes;
            var entry = new JsonObject
            {
                ["identity"] = s.Identity,
                ["epoch"] = w.Epoch,
                ["seq"] = w.LastSeq,
                ["written_through"] = w.WrittenThrough,
            };
            if (w.At is { } at)
            {
                entry["at"] = new JsonObject { ["through"] = at.Through, ["position"] = at.Position };
            }
            sources[source] = entry;
        }
        var root = new JsonObject { ["version"] = Version, ["sources"] = sources };
        if (state.FileOutput is { } file)
        {
            root["file_output"] = new JsonObject { ["path"] = file.Path, ["length"] = file.Length };
        }
        return root;
    }

    private static EngineState Parse(JsonObject root)
    {
        if (root["version"]?.GetValue<int>() != Version)
        {
            throw new FormatException($"unknown version {root["version"]?.ToJsonString() ?? "(none)"}, expected {Version}");
        }
        var sources = ImmutableDictionary.CreateBuilder<string, SourceState>(StringComparer.Ordinal);
        foreach (var (source, node) in root["sources"] as JsonObject ?? [])
        {
            var entry = node as JsonObject ?? throw new FormatException($"source '{source}' is not an object");
            StreamPosition? at = entry["at"] is JsonObject a
                ? new StreamPosition(Required<ulong>(a, "through"), Required<string>(a, "position"))
                : null;
            // A finished source runs again from its position: new input (a new log file) is read, nothing twice.
            var writes = new SourceWrites(Required<long>(entry, "epoch"), Required<long>(entry, "seq"),
                Required<ulong>(entry, "written_through"), at, Finished: false);
            sources[source] = new SourceState(Required<string>(entry, "identity"), writes);
        }
        OutputFileState? file = root["file_output"] is JsonObject f
            ? new OutputFileState(Required<string>(f, "path"), Required<long>(f, "length"))
            : null;
        return new EngineState(sources.ToImmutable(), file);
    }
}
