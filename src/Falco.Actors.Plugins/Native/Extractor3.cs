using System.Runtime.InteropServices;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Native;

/// <summary>
/// API 3.x extraction: every requested field of an event in ONE extract_fields call, with the event rebuilt in scap
/// form in a reusable buffer and the input structs in native memory reused across events.
/// </summary>
internal sealed unsafe class Extractor3 : NativeExtractor
{
    private ExtractField3* _fields;
    private int _capacity;
    private FieldExtractInput* _input;
    private EventInput* _event;

    public Extractor3(NativeInstance instance) : base(instance)
    {
        _input = (FieldExtractInput*)NativeMemory.AllocZeroed((nuint)sizeof(FieldExtractInput));
        _event = (EventInput*)NativeMemory.AllocZeroed((nuint)sizeof(EventInput));
        Grow(16);
    }

    public override void Extract(in PluginEvent evt, ReadOnlySpan<FieldRequest> requests, FieldValues values)
    {
        if (requests.Length == 0)
        {
            return;
        }
        using var call = Instance.Enter();
        if (requests.Length > _capacity)
        {
            Grow(Math.Max(requests.Length, _capacity * 2));
        }
        for (var i = 0; i < requests.Length; i++)
        {
            ref readonly var r = ref requests[i];
            var info = Field(r);
            var f = &_fields[i];
            f->Res = null;
            f->ResLen = 0;
            f->FieldId = (uint)r.FieldId;
            f->Field = Name(r.FieldId);
            f->ArgPresent = r.Arg.IsPresent ? 1u : 0u;
            f->ArgKey = ArgKey(r, info);
            f->ArgIndex = ArgIndex(r);
            f->FType = NativeFieldType.Of(info.Type);
            f->FList = info.IsList ? 1u : 0u;
        }
        _input->Owner = Instance.OwnerHandle;
        _input->GetOwnerLastError = HostCallbacks.GetOwnerLastErrorPointer;
        _input->NumFields = (uint)requests.Length;
        _input->Fields = _fields;
        _event->Evt = Instance.Scratch.Write(evt);
        _event->EvtNum = evt.Num;
        _event->EvtSrc = EventSourceText;
        var rc = ((delegate* unmanaged[Cdecl]<nint, EventInput*, FieldExtractInput*, int>)Instance.Exports.ExtractFields)(
            Instance.State, _event, _input);
        if (rc != PluginRc.Success)
        {
            throw Failed("extract_fields");
        }
        for (var i = 0; i < requests.Length; i++)
        {
            ExtractedValues.Copy(values, requests[i].Slot, Field(requests[i]), _fields[i].Res, _fields[i].ResLen);
        }
    }

    private void Grow(int capacity)
    {
        _fields = (ExtractField3*)NativeMemory.Realloc(_fields, (nuint)(capacity * sizeof(ExtractField3)));
        _capacity = capacity;
    }

    public override void Dispose()
    {
        NativeMemory.Free(_fields);
        NativeMemory.Free(_input);
        NativeMemory.Free(_event);
        _fields = null;
        _input = null;
        _event = null;
        base.Dispose();
    }
}
