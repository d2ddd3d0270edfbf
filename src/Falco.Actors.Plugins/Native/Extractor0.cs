using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Native;

/// <summary>
/// API 0.3.0 extraction: single-valued, one field per extract_fields call (the only generation that cannot take
/// all fields at once); the argument is "" when absent, never NULL (§11.1 #13).
/// </summary>
internal sealed unsafe class Extractor0(NativeInstance instance) : NativeExtractor(instance)
{
    public override void Extract(in PluginEvent evt, ReadOnlySpan<FieldRequest> requests, FieldValues values)
    {
        using var call = Instance.Enter();
        fixed (byte* data = evt.Payload.Span)
        {
            var e = LegacyEvent.Of(evt, data);
            foreach (ref readonly var r in requests)
            {
                var info = Field(r);
                var f = new ExtractField0
                {
                    FieldId = (uint)r.FieldId,
                    Field = Name(r.FieldId),
                    Arg = ArgText(r.Arg),
                    FType = NativeFieldType.Of(info.Type),
                };
                var rc = ((delegate* unmanaged[Cdecl]<nint, LegacyEvent*, uint, ExtractField0*, int>)Instance.Exports.ExtractFields)(
                    Instance.State, &e, 1, &f);
                if (rc != PluginRc.Success)
                {
                    throw Failed("extract_fields");
                }
                values.MarkExtracted(r.Slot);
                if (f.FieldPresent == 0)
                {
                    continue;
                }
                if (info.Type == FieldType.String)
                {
                    if (f.ResStr != null)
                    {
                        values.AddBytes(r.Slot, new ReadOnlySpan<byte>(f.ResStr, NativeText.Length(f.ResStr)));
                    }
                }
                else
                {
                    values.AddNumber(r.Slot, f.ResU64);
                }
            }
        }
    }
}
