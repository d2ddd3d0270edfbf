using System.Diagnostics;

namespace Falco.Actors.Engine.Monitoring;

/// <summary>This process's resource use at one moment, for the process metrics of /metrics.</summary>
/// <param name="CpuSeconds">User and system CPU time used since the process started.</param>
/// <param name="ResidentBytes">Resident set size.</param>
/// <param name="VirtualBytes">Virtual memory size.</param>
/// <param name="StartTime">When the process started.</param>
/// <param name="Now">When the sample was taken.</param>
public sealed record ProcessSample(double CpuSeconds, long ResidentBytes, long VirtualBytes, DateTimeOffset StartTime,
    DateTimeOffset Now)
{
    public static ProcessSample Current()
    {
        using var process = Process.GetCurrentProcess();
        return new ProcessSample(
            process.TotalProcessorTime.TotalSeconds,
            process.WorkingSet64,
            process.VirtualMemorySize64,
            new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero),
            DateTimeOffset.UtcNow);
    }

    /// <summary>Average CPU use since the start, as a ratio of one CPU (how Falco reports cpu_usage).</summary>
    public double CpuUsageRatio
    {
        get
        {
            var wall = (Now - StartTime).TotalSeconds;
            return wall > 0 ? CpuSeconds / wall : 0;
        }
    }
}
