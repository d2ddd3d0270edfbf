using System.Runtime.InteropServices;
using Falco.Actors.Rules.Events;

namespace Falco.Actors.Plugins.Native;

/// <summary>Return codes of plugin calls (ss_plugin_rc).</summary>
internal static class PluginRc
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Timeout = -1;
    public const int Eof = 2;
    public const int NotSupported = 3;
}

/// <summary>The scap event header of API 3.x events (ss_plugin_event), packed, 26 bytes (plugin-api §4.3).</summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
internal struct ScapEventHeader
{
    public const int Size = 26;
    public const ushort PluginEventType = 322;
    /// <summary>Header, two uint32 parameter lengths and the plugin id: where the payload starts (§7.2).</summary>
    public const int PayloadOffset = 38;

    public ulong Ts;
    public ulong Tid;
    public uint Len;
    public ushort Type;
    public uint NParams;
}

/// <summary>ss_plugin_event_input (3.x), 24 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct EventInput
{
    public ScapEventHeader* Evt;
    public ulong EvtNum;
    public byte* EvtSrc;
}

/// <summary>ss_plugin_byte_buffer, 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ByteBuffer
{
    public uint Len;
    public byte* Ptr;
}

/// <summary>ss_plugin_extract_field of API 3.x, 64 bytes, 4-byte bools.</summary>
[StructLayout(LayoutKind.Explicit, Size = 64)]
internal unsafe struct ExtractField3
{
    [FieldOffset(0)] public void* Res;
    [FieldOffset(8)] public ulong ResLen;
    [FieldOffset(16)] public uint FieldId;
    [FieldOffset(24)] public byte* Field;
    [FieldOffset(32)] public byte* ArgKey;
    [FieldOffset(40)] public ulong ArgIndex;
    [FieldOffset(48)] public uint ArgPresent;
    [FieldOffset(52)] public uint FType;
    [FieldOffset(56)] public uint FList;
}

/// <summary>ss_plugin_extract_field of API 1.0/2.0: the 3.x offsets, but arg_present and flist are 1-byte bools.</summary>
[StructLayout(LayoutKind.Explicit, Size = 64)]
internal unsafe struct ExtractField2
{
    [FieldOffset(0)] public void* Res;
    [FieldOffset(8)] public ulong ResLen;
    [FieldOffset(16)] public uint FieldId;
    [FieldOffset(24)] public byte* Field;
    [FieldOffset(32)] public byte* ArgKey;
    [FieldOffset(40)] public ulong ArgIndex;
    [FieldOffset(48)] public byte ArgPresent;
    [FieldOffset(52)] public uint FType;
    [FieldOffset(56)] public byte FList;
}

/// <summary>ss_plugin_extract_field of API 0.3.0: single-valued, 48 bytes.</summary>
[StructLayout(LayoutKind.Explicit, Size = 48)]
internal unsafe struct ExtractField0
{
    [FieldOffset(0)] public uint FieldId;
    [FieldOffset(8)] public byte* Field;
    [FieldOffset(16)] public byte* Arg;
    [FieldOffset(24)] public uint FType;
    [FieldOffset(28)] public byte FieldPresent;
    [FieldOffset(32)] public byte* ResStr;
    [FieldOffset(40)] public ulong ResU64;
}

/// <summary>ss_plugin_field_extract_input (3.12 layout), 80 bytes; the deprecated table vtables stay zero.</summary>
[StructLayout(LayoutKind.Explicit, Size = 80)]
internal unsafe struct FieldExtractInput
{
    [FieldOffset(0)] public nint Owner;
    [FieldOffset(8)] public nint GetOwnerLastError;
    [FieldOffset(16)] public uint NumFields;
    [FieldOffset(24)] public ExtractField3* Fields;
    [FieldOffset(64)] public nint TableReaderExt;
    [FieldOffset(72)] public nint ValueOffsets;
}

/// <summary>ss_plugin_init_input (3.12 layout), 40 bytes.</summary>
[StructLayout(LayoutKind.Explicit, Size = 40)]
internal unsafe struct InitInput
{
    [FieldOffset(0)] public byte* Config;
    [FieldOffset(8)] public nint Owner;
    [FieldOffset(16)] public nint GetOwnerLastError;
    [FieldOffset(24)] public nint Tables;
    [FieldOffset(32)] public nint LogFn;
}

/// <summary>The event struct of API 0.3/1.0/2.0, 32 bytes (§4.4).</summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
internal unsafe struct LegacyEvent
{
    [FieldOffset(0)] public ulong EvtNum;
    [FieldOffset(8)] public byte* Data;
    [FieldOffset(16)] public uint DataLen;
    [FieldOffset(24)] public ulong Ts;

    /// <summary>The legacy form of <paramref name="evt"/>, its payload at <paramref name="data"/> (pinned by the caller).</summary>
    public static LegacyEvent Of(in PluginEvent evt, byte* data) =>
        new() { EvtNum = evt.Num, Data = data, DataLen = (uint)evt.Payload.Length, Ts = evt.TimestampNs };
}

/// <summary>ss_plugin_field_type codes (equal to libscap's ppm_param_type).</summary>
internal static class NativeFieldType
{
    public const uint UInt64 = 8;
    public const uint String = 9;
    public const uint RelTime = 20;
    public const uint AbsTime = 21;
    public const uint Bool = 25;
    public const uint IpAddr = 40;
    public const uint IpNet = 41;
    /// <summary>PT_INT64, which API 0.x libsinsp also mapped.</summary>
    public const uint Int64 = 4;

    public static uint Of(Rules.Fields.FieldType type) => type switch
    {
        Rules.Fields.FieldType.UInt64 => UInt64,
        Rules.Fields.FieldType.String => String,
        Rules.Fields.FieldType.RelTime => RelTime,
        Rules.Fields.FieldType.AbsTime => AbsTime,
        Rules.Fields.FieldType.Bool => Bool,
        Rules.Fields.FieldType.IpAddr => IpAddr,
        Rules.Fields.FieldType.IpNet => IpNet,
        Rules.Fields.FieldType.Int64 => Int64,
        _ => 0,
    };
}
