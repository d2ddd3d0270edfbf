using System.Text;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Native;

/// <summary>
/// One initialised plugin state. Its owner is its only caller, one call at a time; the host never moves calls to
/// another thread. Disposing closes an open session, then calls destroy.
/// </summary>
internal sealed unsafe class NativeInstance : IPluginInstance
{
    private readonly PluginOwner _owner;
    private readonly StateGate _gate = new();
    private NativeExtractor? _extractor;
    private byte* _eventSource;
    private bool _disposed;

    public NativeInstance(NativePlugin plugin, nint state, PluginOwner owner)
    {
        Plugin = plugin;
        State = state;
        _owner = owner;
        _eventSource = NativeText.Alloc(Info.EventSource ?? "");
        ExtractEventTypes = ReadExtractEventTypes();
    }

    public NativePlugin Plugin { get; }
    public nint State { get; }
    public PluginInfo Info => Plugin.Info;
    public NativeExports Exports => Plugin.Exports;
    public string Where => Plugin.Where;
    internal ScapEventBuffer Scratch { get; } = new();
    internal nint OwnerHandle => _owner.Handle;

    /// <summary>Enters a call on this state (see <see cref="StateCall"/>).</summary>
    internal StateCall Enter()
    {
        ThrowIfDisposed();
        return new StateCall(_gate, Where);
    }

    internal NativeSession? OpenSession { get; set; }

    /// <summary>The evtsrc given to event_to_string: the plugin's own source (only source plugins print events).</summary>
    internal byte* EventSourceText => _eventSource;

    /// <summary>Event types from get_extract_event_types (3.x, called once after init); empty when not declared.</summary>
    public IReadOnlyList<ushort> ExtractEventTypes { get; }

    public IFieldExtractor? Extractor
    {
        get
        {
            ThrowIfDisposed();
            if (_extractor is null && Info.Has(PluginCapabilities.Extraction))
            {
                _extractor = Plugin.Abi.CreateExtractor(this);
            }
            return _extractor;
        }
    }

    public string LastError() => Plugin.LastError(State);

    public IReadOnlyList<OpenParam> ListOpenParams()
    {
        ThrowIfDisposed();
        if (Exports.ListOpenParams == 0)
        {
            return [];
        }
        using var call = Enter();
        int rc;
        var json = NativeText.Read(((delegate* unmanaged[Cdecl]<nint, int*, byte*>)Exports.ListOpenParams)(State, &rc));
        if (rc != PluginRc.Success)
        {
            throw new PluginException($"{Where}: list_open_params failed: {LastError()}");
        }
        return PluginJsonLists.OpenParams(json, Where);
    }

    public IPluginSession Open(string parameters)
    {
        ThrowIfDisposed();
        if (!Info.Has(PluginCapabilities.Sourcing))
        {
            throw new PluginException($"{Where} cannot open a stream: it has no event sourcing capability");
        }
        if (OpenSession is not null)
        {
            throw new PluginException($"{Where}: a stream is already open on this state; close it first");
        }
        using var call = Enter();
        var text = NativeText.Alloc(parameters ?? "");
        nint handle;
        int rc;
        try
        {
            handle = ((delegate* unmanaged[Cdecl]<nint, byte*, int*, nint>)Exports.Open)(State, text, &rc);
        }
        finally
        {
            NativeText.Free(text);
        }
        if (rc != PluginRc.Success)
        {
            // No close after a failed open: some seed-era plugins crash on it (§11.1 #15).
            throw new PluginException($"{Where}: open('{parameters}') failed: {LastError()}");
        }
        if (handle == 0)
        {
            throw new PluginException($"{Where}: open('{parameters}') returned no instance");
        }
        OpenSession = new NativeSession(this, handle);
        return OpenSession;
    }

    public string EventToString(in PluginEvent evt)
    {
        ThrowIfDisposed();
        if (Exports.EventToString != 0)
        {
            using var call = Enter();
            var text = NativeText.Read(Plugin.Abi.EventToString(this, evt));
            if (!string.IsNullOrEmpty(text))
            {
                return text;
            }
        }
        // libsinsp's fallback when the plugin has no text for the event.
        return $"datalen={evt.Payload.Length} data={Printable(evt.Payload.Span)}";
    }

    public IReadOnlyList<PluginMetric> GetMetrics()
    {
        ThrowIfDisposed();
        if (Exports.GetMetrics == 0 || Plugin.Abi is not Abi3 || !NativeMetrics.Supported(Info, out var enumBase))
        {
            return [];
        }
        using var call = Enter();
        return NativeMetrics.Read(Exports.GetMetrics, State, enumBase);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        OpenSession?.Dispose();
        using var call = Enter();
        _disposed = true;
        _extractor?.Dispose();
        Plugin.Destroy(State);
        _owner.Dispose();
        Scratch.Dispose();
        if (_eventSource != null)
        {
            NativeText.Free(_eventSource);
            _eventSource = null;
        }
    }

    private IReadOnlyList<ushort> ReadExtractEventTypes()
    {
        if (Plugin.Abi is not Abi3 || Exports.GetExtractEventTypes == 0 || !Info.Has(PluginCapabilities.Extraction))
        {
            return [];
        }
        uint n = 0;
        var types = ((delegate* unmanaged[Cdecl]<uint*, nint, ushort*>)Exports.GetExtractEventTypes)(&n, State);
        return types == null ? [] : new ReadOnlySpan<ushort>(types, (int)n).ToArray();
    }

    private static string Printable(ReadOnlySpan<byte> data)
    {
        var sb = new StringBuilder(data.Length);
        foreach (var b in data)
        {
            sb.Append(b is >= 32 and < 127 ? (char)b : '.');
        }
        return sb.ToString();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
