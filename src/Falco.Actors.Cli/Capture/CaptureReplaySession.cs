using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Capture;
using Falco.Actors.Plugins.Events;

namespace Falco.Actors.Cli.Capture;

/// <summary>
/// <c>-e</c>: a session that reads one source's events from a capture file instead of opening the plugin. Each
/// source reads the file on its own and keeps the events of its own plugin id; the others are skipped.
/// </summary>
public sealed class CaptureReplaySession : IPluginSession
{
    private const int EventsPerCall = 256;
    private readonly FileStream _file;
    private readonly ScapReader _reader;
    private bool _ended;

    public CaptureReplaySession(string path, uint pluginId, string source)
    {
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            _reader = new ScapReader(_file, new Dictionary<uint, string> { [pluginId] = source }, path);
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    public PluginProgress? Progress =>
        _file.Length == 0 ? null : new PluginProgress(_ended ? 100 : 100.0 * _file.Position / _file.Length, "");

    public BatchStatus NextBatch(EventBatch batch)
    {
        if (_ended || !_reader.ReadBatch(batch, out _, EventsPerCall))
        {
            _ended = true;
            return BatchStatus.Eof;
        }
        return BatchStatus.Success;
    }

    public void Dispose() => _reader.Dispose();

    /// <summary>Checks that a capture can be read (header and first block), so start-up fails early with its error.</summary>
    public static void Check(string path, IReadOnlyDictionary<uint, string> sourcesById)
    {
        if (!File.Exists(path))
        {
            throw new Startup.StartupException($"{path}: capture file not found");
        }
        try
        {
            using var reader = ScapReader.Open(path, sourcesById);
        }
        catch (ScapFormatException e)
        {
            throw new Startup.StartupException(e.Message, e);
        }
        catch (IOException e)
        {
            throw new Startup.StartupException($"{path}: cannot read the capture file: {e.Message}", e);
        }
    }
}
