using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Events;

namespace Falco.Actors.Plugins.Managed;

/// <summary>An open managed stream behind <see cref="IPluginSession"/>. Numbers events from 1 in stream order.</summary>
internal sealed class ManagedPluginSession : IPluginSession
{
    private readonly PluginInfo _info;
    private readonly IManagedEventStream _stream;
    private readonly ManagedEventWriter _writer;
    private bool _failed;
    private bool _disposed;

    public ManagedPluginSession(PluginInfo info, IManagedEventStream stream)
    {
        _info = info;
        _stream = stream;
        _writer = new ManagedEventWriter(info.Id);
    }

    public PluginProgress? Progress
    {
        get
        {
            try
            {
                return _stream.Progress;
            }
            catch (Exception e) when (e is not PluginException)
            {
                throw new PluginException($"Plugin '{_info.Name}' ({_info.Location}): get_progress failed: {e.Message}", e);
            }
        }
    }

    public BatchStatus NextBatch(EventBatch batch)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_failed)
        {
            throw new PluginException($"Plugin '{_info.Name}' ({_info.Location}): the session failed earlier and is unusable");
        }
        _writer.Begin(batch);
        try
        {
            return _stream.NextBatch(_writer);
        }
        catch (Exception e)
        {
            _failed = true;
            if (e is PluginException)
            {
                throw;
            }
            throw new PluginException($"Plugin '{_info.Name}' ({_info.Location}): next_batch failed: {e.Message}", e);
        }
        finally
        {
            _writer.End();
        }
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _stream.Dispose();
        }
    }
}
