namespace Falco.Actors.Plugins.Capture;

/// <summary>
/// Constants of libscap's capture file format (scap_savefile.h, ppm_events_public.h; plugin-api §7–§8).
/// Everything is little-endian; blocks are pcapng-style: type, total length, body padded to 4, total length again.
/// </summary>
public static class ScapFormat
{
    public const uint SectionHeaderBlock = 0x0A0D0D0A;
    public const uint ByteOrderMagic = 0x1A2B3C4D;
    public const ushort MajorVersion = 1;
    public const ushort MinorVersion = 2;

    public const uint MachineInfoBlock = 0x201;
    public const uint MachineInfoBlockOld = 0x8002ABCD;

    /// <summary>Event block, v1 header (no nparams).</summary>
    public const uint EventBlockV1 = 0x204;
    public const uint EventBlockV1Old = 0x8010ABCD;
    public const uint EventBlockV2 = 0x216;
    public const uint EventBlockV2Large = 0x221;

    /// <summary>Event block with flags, v1 header (no nparams).</summary>
    public const uint EventFlagsBlockV1 = 0x208;
    public const uint EventFlagsBlockV2 = 0x217;
    public const uint EventFlagsBlockV2Large = 0x222;

    /// <summary>Block header (type + length) and trailer sizes.</summary>
    public const int BlockHeaderSize = 8;
    public const int BlockTrailerSize = 4;

    /// <summary>Section header block: header, magic, major, minor, section length, trailer.</summary>
    public const int SectionHeaderBlockSize = 28;

    /// <summary>Packed scap_machine_info (u32 + 2×u64 + char[128] + 4×u64).</summary>
    public const int MachineInfoSize = 180;

    /// <summary>ppm_evt_hdr: ts u64, tid u64, len u32, type u16, nparams u32 (packed).</summary>
    public const int EventHeaderSize = 26;

    /// <summary>PPME_PLUGINEVENT_E: params plugin_id (u32) and event_data (bytebuf), 4-byte lengths (EF_LARGE_PAYLOAD).</summary>
    public const ushort PluginEventType = 322;
    public const ushort AsyncEventType = 402;

    /// <summary>Where a plugin event's payload starts: header, two u32 lengths, the u32 plugin id.</summary>
    public const int PluginEventPayloadOffset = 38;

    public const ulong NoThread = ulong.MaxValue;

    /// <summary>Rounds a length up to a multiple of 4, as the writer pads blocks.</summary>
    public static int Pad4(int length) => (length + 3) & ~3;

    public static bool IsEventBlock(uint type) => type is EventBlockV1 or EventBlockV1Old or EventBlockV2 or EventBlockV2Large
        or EventFlagsBlockV1 or EventFlagsBlockV2 or EventFlagsBlockV2Large;

    /// <summary>Whether the block's events carry the 26-byte header with nparams.</summary>
    public static bool IsV2EventBlock(uint type) => type is EventBlockV2 or EventBlockV2Large
        or EventFlagsBlockV2 or EventFlagsBlockV2Large;

    public static bool HasFlags(uint type) => type is EventFlagsBlockV1 or EventFlagsBlockV2 or EventFlagsBlockV2Large;
}
