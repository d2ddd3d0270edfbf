using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Events;

namespace Falco.Actors.Plugins.Native;

/// <summary>
/// An open stream (open / next_batch / get_progress / close). Every event is checked as libscap does (plugin-api
/// §7.2) and copied into the batch before the next call; events are numbered 1, 2, 3… in the order produced.
/// </summary>
internal sealed unsafe class NativeSession(NativeInstance instance, nint handle) : IPluginSession
{
    private ulong _nextNum = 1;
    private bool _eof;
    private bool _closed;
    private string? _failure;

    public BatchStatus NextBatch(EventBatch batch)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_failure is not null)
        {
            throw new PluginException(_failure);
        }
        if (_eof)
        {
            return BatchStatus.Eof;
        }
        var before = batch.Count;
        int rc;
        try
        {
            rc = instance.Plugin.Abi.NextBatch(instance.Exports, instance.State, handle, this, batch);
        }
        catch (PluginException e)
        {
            _failure = e.Message;
            throw;
        }
        switch (rc)
        {
            case PluginRc.Success:
                return BatchStatus.Success;
            case PluginRc.Timeout:
                return BatchStatus.Timeout;
            case PluginRc.Eof:
                _eof = true;
                return BatchStatus.Eof;
        }
        _failure = rc == PluginRc.Failure
            ? $"{instance.Where}: next_batch failed: {instance.LastError()}"
            : $"{instance.Where}: next_batch returned the unknown code {rc}: {instance.LastError()}";
        if (batch.Count > before)
        {
            // Events that came with the failure are handed out first; the failure is reported on the next call.
            return BatchStatus.Success;
        }
        throw new PluginException(_failure);
    }

    public PluginProgress? Progress
    {
        get
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            if (instance.Exports.GetProgress == 0)
            {
                return null;
            }
            uint pct = 0;
            var text = NativeText.Read(((delegate* unmanaged[Cdecl]<nint, nint, uint*, byte*>)instance.Exports.GetProgress)(
                instance.State, handle, &pct));
            return new PluginProgress(pct / 100.0, text ?? "");
        }
    }

    internal void AppendScapEvent(ScapEventHeader* evt, int index, EventBatch batch)
    {
        if (evt == null)
        {
            Malformed(index, "the event pointer is NULL");
        }
        if (evt->Type != ScapEventHeader.PluginEventType)
        {
            Malformed(index, $"type {evt->Type} is not a plugin event (322); only plugin events are supported");
        }
        if (evt->NParams != 2)
        {
            Malformed(index, $"a plugin event has 2 parameters, not {evt->NParams}");
        }
        if (evt->Len < ScapEventHeader.PayloadOffset)
        {
            Malformed(index, $"length {evt->Len} is shorter than a plugin event header ({ScapEventHeader.PayloadOffset})");
        }
        var bytes = (byte*)evt;
        var idLength = *(uint*)(bytes + 26);
        var payloadLength = *(uint*)(bytes + 30);
        if (idLength != 4 || ScapEventHeader.PayloadOffset + (ulong)payloadLength > evt->Len)
        {
            Malformed(index, $"parameter lengths ({idLength}, {payloadLength}) do not fit the event length {evt->Len}");
        }
        var pluginId = *(uint*)(bytes + 34);
        var ownId = instance.Info.Id;
        if (pluginId == 0)
        {
            pluginId = ownId;
            if (pluginId == 0)
            {
                Malformed(index, "a plugin event has no plugin ID");
            }
        }
        else if (ownId != 0 && pluginId != ownId)
        {
            Malformed(index, $"it carries plugin id {pluginId}, not the plugin's own id {ownId}");
        }
        batch.Add(_nextNum++, Timestamp(evt->Ts), pluginId,
            new ReadOnlySpan<byte>(bytes + ScapEventHeader.PayloadOffset, (int)payloadLength));
    }

    internal void AppendLegacyEvent(LegacyEvent* evt, int index, EventBatch batch)
    {
        if (evt->Data == null && evt->DataLen > 0)
        {
            Malformed(index, $"datalen is {evt->DataLen} but data is NULL");
        }
        batch.Add(_nextNum++, Timestamp(evt->Ts), instance.Info.Id, new ReadOnlySpan<byte>(evt->Data, (int)evt->DataLen));
    }

    internal void Malformed(int index, string what) =>
        throw new PluginException($"{instance.Where}: next_batch returned a malformed event (#{index} of the batch): {what}");

    public void Dispose()
    {
        if (_closed)
        {
            return;
        }
        _closed = true;
        ((delegate* unmanaged[Cdecl]<nint, nint, void>)instance.Exports.Close)(instance.State, handle);
        instance.OpenSession = null;
    }

    /// <summary>UINT64_MAX asks the host to stamp the current time.</summary>
    private static ulong Timestamp(ulong ts) =>
        ts != ulong.MaxValue ? ts : (ulong)(DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100UL;
}
