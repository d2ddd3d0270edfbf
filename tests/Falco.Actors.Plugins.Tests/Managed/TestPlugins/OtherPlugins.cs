using System.Text;
using Falco.Actors.Plugins.Managed;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Tests.Managed.TestPlugins;

/// <summary>An extractor of the counter source only: the payload upper-cased.</summary>
public sealed class UpperPlugin : IManagedExtractorPlugin
{
    public string Name => "upper";
    public string Version => "0.1.0";
    public IReadOnlyList<string> ExtractEventSources => ["counter"];
    public IReadOnlyList<FieldInfo> Fields { get; } = [new("upper.text", FieldType.String, "the payload upper-cased")];
    public IManagedPluginState Init(string initConfig) => new UpperState();

    private sealed class UpperState : IManagedExtractorState
    {
        public void Extract(in PluginEvent evt, ReadOnlySpan<FieldRequest> requests, FieldValues values)
        {
            foreach (var r in requests)
            {
                values.AddString(r.Slot, Encoding.UTF8.GetString(evt.Payload.Span).ToUpperInvariant());
            }
        }

        public void Dispose() { }
    }
}

/// <summary>An extractor of every source: the payload length.</summary>
public sealed class LengthPlugin : IManagedExtractorPlugin
{
    public string Name => "length";
    public string Version => "2.0.0";
    public IReadOnlyList<FieldInfo> Fields { get; } = [new("len.payload", FieldType.UInt64, "payload bytes")];
    public IManagedPluginState Init(string initConfig) => new LengthState();

    private sealed class LengthState : IManagedExtractorState
    {
        public void Extract(in PluginEvent evt, ReadOnlySpan<FieldRequest> requests, FieldValues values)
        {
            foreach (var r in requests)
            {
                values.AddNumber(r.Slot, (ulong)evt.Payload.Length);
            }
        }

        public void Dispose() { }
    }
}

/// <summary>Exports a field the counter plugin already exports, for every source.</summary>
public sealed class ColliderPlugin : IManagedExtractorPlugin
{
    public string Name => "collider";
    public string Version => "0.0.1";
    public IReadOnlyList<FieldInfo> Fields { get; } = [new("counter.value", FieldType.UInt64, "same name as counter's")];
    public IManagedPluginState Init(string initConfig) => new NoFields();
}

/// <summary>Extracts from the syscall source only, which this engine never has.</summary>
public sealed class SyscallOnlyPlugin : IManagedExtractorPlugin
{
    public string Name => "syscallonly";
    public string Version => "0.0.1";
    public IReadOnlyList<string> ExtractEventSources => ["syscall"];
    public IReadOnlyList<FieldInfo> Fields { get; } = [new("sys.thing", FieldType.String, "a thing")];
    public IManagedPluginState Init(string initConfig) => new NoFields();
}

/// <summary>A second source plugin (id 1000, source "ticker") without extraction.</summary>
public sealed class TickerPlugin : IManagedSourcePlugin
{
    public string Name => "ticker";
    public string Version => "1.0.0";
    public uint Id => 1000;
    public string EventSource => "ticker";
    public IManagedPluginState Init(string initConfig) => new CounterState(3, 10, "tick");
}

/// <summary>A source plugin reusing the counter's id.</summary>
public sealed class SameIdPlugin : IManagedSourcePlugin
{
    public string Name => "sameid";
    public string Version => "1.0.0";
    public uint Id => CounterPlugin.PluginId;
    public string EventSource => "other";
    public IManagedPluginState Init(string initConfig) => new CounterState(1, 1, "");
}

/// <summary>A source plugin producing the counter's source.</summary>
public sealed class SameSourcePlugin : IManagedSourcePlugin
{
    public string Name => "samesource";
    public string Version => "1.0.0";
    public uint Id => 1001;
    public string EventSource => "counter";
    public IManagedPluginState Init(string initConfig) => new CounterState(1, 1, "");
}

/// <summary>A source plugin claiming the reserved source name "syscall".</summary>
public sealed class SyscallSourcePlugin : IManagedSourcePlugin
{
    public string Name => "fakesyscall";
    public string Version => "1.0.0";
    public uint Id => 1002;
    public string EventSource => "syscall";
    public IManagedPluginState Init(string initConfig) => new CounterState(1, 1, "");
}

internal sealed class NoFields : IManagedExtractorState
{
    public void Extract(in PluginEvent evt, ReadOnlySpan<FieldRequest> requests, FieldValues values) { }
    public void Dispose() { }
}
