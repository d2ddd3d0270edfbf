using System.Runtime.InteropServices;

namespace Falco.Actors.Bench.Cluster;

/// <summary>
/// CPU time (user + sys) of every child process this process has waited for (Linux getrusage(RUSAGE_CHILDREN)):
/// the exact CPU of a run's node processes once they are all gone, whatever threads they had.
/// </summary>
internal static partial class ChildrenCpu
{
    private const int RusageChildren = -1;

    public static TimeSpan Now()
    {
        if (GetRusage(RusageChildren, out var usage) != 0)
        {
            throw new InvalidOperationException("getrusage(RUSAGE_CHILDREN) failed");
        }
        return usage.User.ToTimeSpan() + usage.System.ToTimeSpan();
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeVal
    {
        public long Seconds;
        public long Microseconds;

        public readonly TimeSpan ToTimeSpan() => TimeSpan.FromTicks(Seconds * TimeSpan.TicksPerSecond + Microseconds * 10);
    }

    // struct rusage on 64-bit Linux: two timevals, then 14 longs.
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public TimeVal User;
        public TimeVal System;
        public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NvCsw, NivCsw;
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, out Rusage usage);
}
