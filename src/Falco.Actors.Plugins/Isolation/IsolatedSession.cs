using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Events;

namespace Falco.Actors.Plugins.Isolation;

/// <summary>
/// A stream opened in a plugin-host process. Each <see cref="NextBatch"/> is one round trip that brings up to
/// <c>batchEvents</c> events (several next_batch calls of the plugin), numbered by the host from 1 as in process.
/// </summary>
internal sealed class IsolatedSession(PluginHostProcess host, int batchEvents, Action closed) : IPluginSession
{
    private bool _eof;
    private bool _closed;

    public BatchStatus NextBatch(EventBatch batch)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_eof)
        {
            return BatchStatus.Eof;
        }
        host.Request.Begin(HostMessage.NextBatch);
        host.Request.WriteInt32(batchEvents);
        host.Expect(host.Call("next_batch"), HostMessage.Batch, "next_batch");
        BatchStatus status;
        try
        {
            status = HostBatchFormat.Read(host.Reply, batch);
        }
        catch (InvalidDataException e)
        {
            throw host.Broken("next_batch", e.Message);
        }
        _eof = status == BatchStatus.Eof;
        return status;
    }

    public PluginProgress? Progress
    {
        get
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            host.Request.Begin(HostMessage.Progress);
            host.Expect(host.Call("get_progress"), HostMessage.ProgressIs, "get_progress");
            var reports = host.Reply.ReadByte() != 0;
            var percent = host.Reply.ReadDouble();
            var text = host.Reply.ReadString();
            return reports ? new PluginProgress(percent, text) : null;
        }
    }

    public void Dispose()
    {
        if (_closed)
        {
            return;
        }
        _closed = true;
        closed();
        try
        {
            if (host.Alive)
            {
                host.Request.Begin(HostMessage.Close);
                host.Expect(host.Call("close"), HostMessage.Done, "close");
            }
        }
        catch (PluginException)
        {
            // The process dies with its stream: its owner disposes the state next, which ends it.
        }
    }
}
