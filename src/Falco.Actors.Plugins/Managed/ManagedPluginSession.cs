using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Events;

namespace Falco.Actors.Plugins.Managed;

/// <summary>
/// An open managed stream behind <see cref="IPluginSession"/>. Numbers events from 1 in stream order (after a resume,
/// from the resumed event's number + 1). Resumable when the stream is an <see cref="IManagedResumableStream"/>.
/// </summary>
internal sealed class ManagedPluginSession : IPluginSession, IResumableSession
{
    private readonly PluginInfo _info;
    private readonly IManagedEventStream _stream;
    private readonly ManagedEventWriter _writer;
    private bool _failed;
    private bool _disposed;
    private bool _started;

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
                throw Failed("get_progress", e);
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
        _started = true;
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
            throw Failed("next_batch", e);
        }
        finally
        {
            _writer.End();
        }
    }

    public string? PositionAfter(ulong eventNumber)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_stream is not IManagedResumableStream resumable)
        {
            return null;
        }
        try
        {
            return resumable.PositionAfter(eventNumber);
        }
        catch (Exception e) when (e is not PluginException)
        {
            throw Failed("position_after", e);
        }
    }

    public ulong ResumeAfter(ulong eventNumber, string position)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // Once events were handed out, their numbers are given: the engine skips by number instead.
        if (_stream is not IManagedResumableStream resumable || _started || _failed || eventNumber == 0)
        {
            return 0;
        }
        _started = true;
        bool resumed;
        try
        {
            resumed = resumable.ResumeAfter(eventNumber, position);
        }
        catch (Exception e)
        {
            // The stream may be half-moved: unusable, like after a failed next_batch.
            _failed = true;
            if (e is PluginException)
            {
                throw;
            }
            throw Failed("resume_after", e);
        }
        if (!resumed)
        {
            return 0;
        }
        _writer.ContinueAfter(eventNumber);
        return eventNumber;
    }

    /// <summary>A stream's exception as the plugin's failure of <paramref name="call"/>, naming the plugin.</summary>
    private PluginException Failed(string call, Exception e) =>
        new($"Plugin '{_info.Name}' ({_info.Location}): {call} failed: {e.Message}", e);

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _stream.Dispose();
        }
    }
}
