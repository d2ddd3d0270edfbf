namespace Falco.Actors.Plugins.Capture;

/// <summary>The machine info block (scap_machine_info) of a capture file.</summary>
public sealed record ScapMachineInfo(
    uint NumCpus, ulong MemorySizeBytes, ulong MaxPid, string Hostname, ulong BootTimeEpochNs = 0, ulong Flags = 0)
{
    /// <summary>This machine, as a writer records it.</summary>
    public static ScapMachineInfo Current() =>
        new((uint)Environment.ProcessorCount, 0, 0, Environment.MachineName);
}
