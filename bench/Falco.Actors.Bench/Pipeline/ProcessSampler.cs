using System.Globalization;

namespace Falco.Actors.Bench.Pipeline;

/// <summary>
/// Samples, twice a second, the process's resident memory (VmRSS) and every thread's CPU time from
/// <c>/proc/self/task/*/stat</c>, keeping each thread's last figures after it exits: the per-thread CPU time says which
/// stage (source actor, evaluators, outputs, GC) the run's time went to. Linux only; elsewhere it records nothing.
/// </summary>
internal sealed class ProcessSampler : IDisposable
{
    private static readonly double TickSeconds = 1.0 / 100; // USER_HZ, 100 on Linux
    private readonly Dictionary<int, (string Name, long Ticks)> _threads = [];
    private readonly List<(double Seconds, long RssKb)> _rss = [];
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly Timer _timer;
    private readonly Lock _lock = new();

    public ProcessSampler()
    {
        _timer = new Timer(_ => Sample(), null, 0, 500);
    }

    /// <summary>RSS samples (seconds since start, kB).</summary>
    public IReadOnlyList<(double Seconds, long RssKb)> Rss
    {
        get { lock (_lock) return [.. _rss]; }
    }

    /// <summary>CPU seconds of each thread whose name starts with <paramref name="prefix"/>, in the order they were created.</summary>
    public IReadOnlyList<(int Tid, double CpuSeconds)> CpuOfThreads(string prefix)
    {
        lock (_lock)
        {
            return
            [
                .. _threads.Where(t => t.Value.Name.StartsWith(prefix, StringComparison.Ordinal))
                    .Select(t => (t.Key, t.Value.Ticks * TickSeconds))
                    .OrderBy(t => t.Key),
            ];
        }
    }

    /// <summary>CPU seconds per thread name (names with their numbers stripped), most first.</summary>
    public IReadOnlyList<(string Name, int Threads, double CpuSeconds)> CpuByThreadName()
    {
        Sample();
        lock (_lock)
        {
            return
            [
                .. _threads.Values
                    .GroupBy(t => t.Name.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '_', '-', '#', ' '))
                    .Select(g => (g.Key, g.Count(), g.Sum(t => t.Ticks) * TickSeconds))
                    .OrderByDescending(g => g.Item3),
            ];
        }
    }

    public void Dispose() => _timer.Dispose();

    /// <summary>VmHWM (peak resident set) of this process in kB, or 0 off Linux.</summary>
    public static long PeakRssKb() => StatusKb("VmHWM:");

    /// <summary>User + system CPU seconds of this process's children that have ended (getrusage RUSAGE_CHILDREN).</summary>
    public static double ChildrenCpuSeconds()
    {
        // struct rusage begins with ru_utime and ru_stime, two struct timevals (seconds, microseconds) on 64-bit Linux.
        var usage = new long[18];
        return GetRusage(-1, usage) == 0 ? usage[0] + usage[1] / 1e6 + usage[2] + usage[3] / 1e6 : 0;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, long[] usage);

    public static long RssKb() => StatusKb("VmRSS:");

    private static long StatusKb(string key)
    {
        if (!File.Exists("/proc/self/status"))
        {
            return 0;
        }
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private void Sample()
    {
        if (!Directory.Exists("/proc/self/task"))
        {
            return;
        }
        var rss = RssKb();
        var seen = new List<(int Tid, string Name, long Ticks)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var tid = int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture);
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // "tid (comm) state ... utime stime": fields after the closing parenthesis, utime is the 12th.
                var close = stat.LastIndexOf(')');
                var name = stat[(stat.IndexOf('(') + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                seen.Add((tid, name, ticks));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // the thread exited while being read
            }
        }
        lock (_lock)
        {
            _rss.Add((_clock.Elapsed.TotalSeconds, rss));
            foreach (var (tid, name, ticks) in seen)
            {
                _threads[tid] = (name, ticks);
            }
        }
    }
}
