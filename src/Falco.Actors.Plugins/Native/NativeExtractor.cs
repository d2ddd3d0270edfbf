using System.Runtime.InteropServices;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Native;

/// <summary>
/// The shared part of the per-generation extractors: native copies of field names and argument texts, made once
/// (argument texts on first use) so that extracting allocates nothing in steady state. Owned by its instance.
/// </summary>
internal abstract unsafe class NativeExtractor : IFieldExtractor, IDisposable
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
    }

    protected NativeInstance Instance { get; }

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
    }
}
