using System.Runtime.InteropServices;
using Falco.Actors.Rules.Events;

namespace Falco.Actors.Plugins.Native;

/// <summary>
/// A reusable native buffer holding one plugin event in scap form (header, two uint32 parameter lengths, plugin id,
/// payload; plugin-api §7.2), so 3.x calls that take an event allocate nothing once it has grown to size.
/// </summary>
internal sealed unsafe class ScapEventBuffer : IDisposable
{
    private byte* _buffer;
    private int _capacity;

    public ScapEventHeader* Write(in PluginEvent evt)
    {
        var payload = evt.Payload.Span;
        var length = ScapEventHeader.PayloadOffset + payload.Length;
        if (length > _capacity)
        {
            var capacity = Math.Max(length, Math.Max(256, _capacity * 2));
            _buffer = (byte*)NativeMemory.Realloc(_buffer, (nuint)capacity);
            _capacity = capacity;
        }
        var header = (ScapEventHeader*)_buffer;
        header->Ts = evt.TimestampNs;
        header->Tid = ulong.MaxValue;
        header->Len = (uint)length;
        header->Type = ScapEventHeader.PluginEventType;
        header->NParams = 2;
        *(uint*)(_buffer + 26) = 4;
        *(uint*)(_buffer + 30) = (uint)payload.Length;
        *(uint*)(_buffer + 34) = evt.PluginId;
        payload.CopyTo(new Span<byte>(_buffer + ScapEventHeader.PayloadOffset, payload.Length));
        return header;
    }

    public void Dispose()
    {
        NativeMemory.Free(_buffer);
        _buffer = null;
        _capacity = 0;
    }
}
