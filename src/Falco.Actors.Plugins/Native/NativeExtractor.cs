using System.Runtime.InteropServices;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Native;

/// <summary>
/// The shared part of the per-generation extractors: native copies of field names and argument texts, made once
/// (argument texts on first use) so that extracting allocates nothing in steady state. Owned by its instance.
/// </summary>
internal abstract unsafe class NativeExtractor : IFieldExtractor, ISourceBoundExtractor, IDisposable
{
    private readonly byte*[] _names;
    private readonly Dictionary<string, nint> _args = new(StringComparer.Ordinal);
    private byte* _empty;

    protected NativeExtractor(NativeInstance instance)
    {
        Instance = instance;
        _names = new byte*[instance.Info.Fields.Count];
        for (var i = 0; i < _names.Length; i++)
        {
            _names[i] = NativeText.Alloc(instance.Info.Fields[i].Name);
        }
        _empty = NativeText.Alloc("");
        var source = instance.Info.EventSource
            ?? (instance.Info.ExtractEventSources.Count == 1 ? instance.Info.ExtractEventSources[0] : "");
        EventSourceText = NativeText.Alloc(source);
    }

    protected NativeInstance Instance { get; }

    /// <summary>The evtsrc given with every event (never NULL: libsinsp only offers events of a known source).</summary>
    protected byte* EventSourceText { get; private set; }

    public void BindEventSource(string source)
    {
        var text = NativeText.Alloc(source);
        NativeText.Free(EventSourceText);
        EventSourceText = text;
    }

    public abstract void Extract(in PluginEvent evt, ReadOnlySpan<FieldRequest> requests, FieldValues values);

    /// <summary>The field a request names, checked against get_fields.</summary>
    protected FieldInfo Field(in FieldRequest request)
    {
        if ((uint)request.FieldId >= (uint)_names.Length)
        {
            throw new PluginException(
                $"{Instance.Where}: field id {request.FieldId} is out of range (the plugin exports {_names.Length} fields)");
        }
        return Instance.Info.Fields[request.FieldId];
    }

    protected byte* Name(int fieldId) => _names[fieldId];

    /// <summary>The argument text as a native string; "" when absent (legacy plugins must never see NULL).</summary>
    protected byte* ArgText(in FieldArgument arg)
    {
        if (!arg.IsPresent || arg.Text is null)
        {
            return _empty;
        }
        if (!_args.TryGetValue(arg.Text, out var p))
        {
            p = (nint)NativeText.Alloc(arg.Text);
            _args.Add(arg.Text, p);
        }
        return (byte*)p;
    }

    /// <summary>
    /// The arg_key of an API 1.x+ field: the argument text for a key argument, and for an index argument of a field
    /// declared as a key too; NULL without an argument.
    /// </summary>
    protected byte* ArgKey(in FieldRequest request, FieldInfo field) =>
        request.Arg.IsPresent && (!request.Arg.IsIndex || field.Arg.IsKey) ? ArgText(request.Arg) : null;

    /// <summary>The arg_index of an API 1.x+ field: the index argument, 0 without one.</summary>
    protected static ulong ArgIndex(in FieldRequest request) =>
        request.Arg.IsPresent && request.Arg.IsIndex ? request.Arg.Index : 0;

    protected PluginException Failed(string call) =>
        new($"{Instance.Where}: {call} failed: {Instance.LastError()}");

    public virtual void Dispose()
    {
        for (var i = 0; i < _names.Length; i++)
        {
            NativeText.Free(_names[i]);
            _names[i] = null;
        }
        foreach (var p in _args.Values)
        {
            NativeMemory.Free((void*)p);
        }
        _args.Clear();
        NativeText.Free(_empty);
        _empty = null;
        NativeText.Free(EventSourceText);
        EventSourceText = null;
    }
}
