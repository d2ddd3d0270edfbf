using System.Runtime.InteropServices;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Native;

/// <summary>
/// API 1.x/2.x extraction: all requested fields in one extract_fields(state, old event, n, fields) call, with the
/// 1-byte bool layout; the payload is pinned, not copied.
/// </summary>
internal sealed unsafe class Extractor2(NativeInstance instance) : NativeExtractor(instance)
{
    private ExtractField2* _fields;
    private int _capacity;

    public override void Extract(in PluginEvent evt, ReadOnlySpan<FieldRequest> requests, FieldValues values)
    {
        if (requests.Length == 0)
        {
            return;
        }
        using var call = Instance.Enter();
        if (requests.Length > _capacity)
        {
            _capacity = Math.Max(requests.Length, Math.Max(16, _capacity * 2));
            _fields = (ExtractField2*)NativeMemory.Realloc(_fields, (nuint)(_capacity * sizeof(ExtractField2)));
        }
        for (var i = 0; i < requests.Length; i++)
        {
            ref readonly var r = ref requests[i];
            var info = Field(r);
            var f = &_fields[i];
            *f = default;
            f->FieldId = (uint)r.FieldId;
            f->Field = Name(r.FieldId);
            f->ArgPresent = r.Arg.IsPresent ? (byte)1 : (byte)0;
            f->ArgKey = ArgKey(r, info);
            f->ArgIndex = ArgIndex(r);
            f->FType = NativeFieldType.Of(info.Type);
            f->FList = info.IsList ? (byte)1 : (byte)0;
        }
        int rc;
        fixed (byte* data = evt.Payload.Span)
        {
            var e = LegacyEvent.Of(evt, data);
            rc = ((delegate* unmanaged[Cdecl]<nint, LegacyEvent*, uint, ExtractField2*, int>)Instance.Exports.ExtractFields)(
                Instance.State, &e, (uint)requests.Length, _fields);
        }
        if (rc != PluginRc.Success)
        {
            throw Failed("extract_fields");
        }
        for (var i = 0; i < requests.Length; i++)
        {
            ExtractedValues.Copy(values, requests[i].Slot, Field(requests[i]), _fields[i].Res, _fields[i].ResLen);
        }
    }

    public override void Dispose()
    {
        NativeMemory.Free(_fields);
        _fields = null;
        base.Dispose();
    }
}
