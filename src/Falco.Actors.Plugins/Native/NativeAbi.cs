using Falco.Actors.Plugins.Events;
using Falco.Actors.Rules.Events;

namespace Falco.Actors.Plugins.Native;

/// <summary>
/// What differs between plugin API generations: the init signature, the event layout of next_batch,
/// event_to_string, and the extract_fields structs. One strategy object per generation.
/// </summary>
internal abstract unsafe class NativeAbi
{
    /// <summary>The version this host declares for plugins of this generation (checked by §6.3's rule).</summary>
    public abstract ApiVersion HostVersion { get; }

    public static NativeAbi? For(uint major) => major switch
    {
        3 => Abi3.Instance,
        1 => Abi2.One,
        2 => Abi2.Two,
        0 => Abi0.Instance,
        _ => null,
    };

    public abstract nint Init(NativeExports x, byte* config, PluginOwner owner, out int rc);

    /// <summary>Calls next_batch and hands every returned event to <paramref name="session"/>; returns the rc.</summary>
    public abstract int NextBatch(NativeExports x, nint state, nint handle, NativeSession session, EventBatch batch);

    public abstract byte* EventToString(NativeInstance instance, in PluginEvent evt);

    public abstract NativeExtractor CreateExtractor(NativeInstance instance);
}

/// <summary>API 3.x: init input struct, pointer arrays of scap events, event inputs (plugin-api §3, §4.2–4.7).</summary>
internal sealed unsafe class Abi3 : NativeAbi
{
    public static readonly ApiVersion Version = new(3, 12, 0);
    public static readonly Abi3 Instance = new();

    // A zeroed, non-NULL tables input: some C++ SDK plugins read it unconditionally (§11.1 #12). Never freed.
    private static readonly nint EmptyTables = (nint)System.Runtime.InteropServices.NativeMemory.AllocZeroed(72);

    public override ApiVersion HostVersion => Version;

    public override nint Init(NativeExports x, byte* config, PluginOwner owner, out int rc)
    {
        var input = new InitInput
        {
            Config = config,
            Owner = owner.Handle,
            GetOwnerLastError = HostCallbacks.GetOwnerLastErrorPointer,
            Tables = EmptyTables,
            LogFn = HostCallbacks.LogPointer,
        };
        int result;
        var state = ((delegate* unmanaged[Cdecl]<InitInput*, int*, nint>)x.Init)(&input, &result);
        rc = result;
        return state;
    }

    public override int NextBatch(NativeExports x, nint state, nint handle, NativeSession session, EventBatch batch)
    {
        uint n = 0;
        ScapEventHeader** events = null;
        var rc = ((delegate* unmanaged[Cdecl]<nint, nint, uint*, ScapEventHeader***, int>)x.NextBatch)(state, handle, &n, &events);
        if (n > 0 && events == null)
        {
            session.Malformed(0, $"next_batch reported {n} events but returned no event array");
        }
        for (var i = 0; i < n; i++)
        {
            session.AppendScapEvent(events[i], i, batch);
        }
        return rc;
    }

    public override byte* EventToString(NativeInstance instance, in PluginEvent evt)
    {
        var input = new EventInput { Evt = instance.Scratch.Write(evt), EvtNum = evt.Num, EvtSrc = instance.EventSourceText };
        return ((delegate* unmanaged[Cdecl]<nint, EventInput*, byte*>)instance.Exports.EventToString)(instance.State, &input);
    }

    public override NativeExtractor CreateExtractor(NativeInstance instance) => new Extractor3(instance);
}

/// <summary>Shared by the API 0.x and 1.x/2.x generations: init(config, rc) and arrays of 32-byte events.</summary>
internal abstract unsafe class LegacyAbi : NativeAbi
{
    public override nint Init(NativeExports x, byte* config, PluginOwner owner, out int rc)
    {
        int result;
        var state = ((delegate* unmanaged[Cdecl]<byte*, int*, nint>)x.Init)(config, &result);
        rc = result;
        return state;
    }

    public override int NextBatch(NativeExports x, nint state, nint handle, NativeSession session, EventBatch batch)
    {
        uint n = 0;
        LegacyEvent* events = null;
        var rc = ((delegate* unmanaged[Cdecl]<nint, nint, uint*, LegacyEvent**, int>)x.NextBatch)(state, handle, &n, &events);
        if (n > 0 && events == null)
        {
            session.Malformed(0, $"next_batch reported {n} events but returned no event array");
        }
        for (var i = 0; i < n; i++)
        {
            session.AppendLegacyEvent(&events[i], i, batch);
        }
        return rc;
    }
}

/// <summary>API 1.x and 2.x (Falco 0.32–0.34): the old event struct and extract fields with 1-byte bools.</summary>
internal sealed unsafe class Abi2 : LegacyAbi
{
    public static readonly Abi2 One = new(new ApiVersion(1, 1, 0));
    public static readonly Abi2 Two = new(new ApiVersion(2, 0, 0));

    private Abi2(ApiVersion version) => HostVersion = version;

    public override ApiVersion HostVersion { get; }

    public override byte* EventToString(NativeInstance instance, in PluginEvent evt)
    {
        fixed (byte* data = evt.Payload.Span)
        {
            var e = LegacyEvent.Of(evt, data);
            return ((delegate* unmanaged[Cdecl]<nint, LegacyEvent*, byte*>)instance.Exports.EventToString)(instance.State, &e);
        }
    }

    public override NativeExtractor CreateExtractor(NativeInstance instance) => new Extractor2(instance);
}

/// <summary>API 0.3.0 (Falco 0.31): source/extractor types, event_to_string(data, len), single-valued extraction.</summary>
internal sealed unsafe class Abi0 : LegacyAbi
{
    public static readonly Abi0 Instance = new();

    public override ApiVersion HostVersion { get; } = new(0, 3, 0);

    public override byte* EventToString(NativeInstance instance, in PluginEvent evt)
    {
        fixed (byte* data = evt.Payload.Span)
        {
            return ((delegate* unmanaged[Cdecl]<nint, byte*, uint, byte*>)instance.Exports.EventToString)(
                instance.State, data, (uint)evt.Payload.Length);
        }
    }

    public override NativeExtractor CreateExtractor(NativeInstance instance) => new Extractor0(instance);
}
