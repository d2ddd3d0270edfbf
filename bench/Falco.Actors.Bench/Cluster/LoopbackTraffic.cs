using System.Diagnostics;
using System.Globalization;

namespace Falco.Actors.Bench.Cluster;

/// <summary>
/// Bytes carried by the TCP connections between a run's nodes: <c>ss -tin</c> (the kernel's tcp_info) sampled every
/// 500 ms while the run lasts, keeping each connection's highest bytes_received (a connection closes with its node, so
/// its last half second may be missed). The CPU the <c>ss</c> processes used is kept in <see cref="OwnCpu"/>, for the
/// run's CPU (counted over all child processes) to leave it out. Only connections with an end on one of the nodes' ports
/// count; each byte is counted once, by the socket that received it.
/// </summary>
internal sealed class LoopbackTraffic : IAsyncDisposable
{
    private readonly HashSet<int> _ports;
    private readonly Dictionary<string, long> _received = [];
    private readonly Dictionary<string, long> _baseline;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public LoopbackTraffic(IEnumerable<int> ports)
    {
        _ports = [.. ports];
        _baseline = Sample() ?? [];
        _sampling = Task.Run(SampleUntilStopped);
    }

    /// <summary>False when <c>ss</c> could not be run (then <see cref="Bytes"/> is 0).</summary>
    public bool Available { get; private set; } = true;

    /// <summary>CPU time of the <c>ss</c> processes run so far.</summary>
    public TimeSpan OwnCpu { get; private set; }

    /// <summary>Bytes received over the nodes' connections since this object was made.</summary>
    public long Bytes
    {
        get
        {
            lock (_received)
            {
                return _received.Sum(c => c.Value - _baseline.GetValueOrDefault(c.Key));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        Sample();
        _stop.Dispose();
    }

    private async Task SampleUntilStopped()
    {
        while (!_stop.IsCancellationRequested && Available)
        {
            Sample();
            try
            {
                await Task.Delay(500, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private Dictionary<string, long>? Sample()
    {
        string text;
        var cpuBefore = ChildrenCpu.Now();
        try
        {
            using var ss = Process.Start(new ProcessStartInfo("ss", ["-tinH"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
            text = ss.StandardOutput.ReadToEnd();
            ss.WaitForExit();
            OwnCpu += ChildrenCpu.Now() - cpuBefore;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Available = false;
            return null;
        }
        var sample = new Dictionary<string, long>();
        string? connection = null;
        foreach (var line in text.Split('\n'))
        {
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]))
            {
                // "ESTAB 0 0 [::ffff:127.0.0.1]:24053 [::ffff:127.0.0.1]:38482": state, queues, local, peer.
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                connection = fields.Length >= 5 && (IsNode(fields[3]) || IsNode(fields[4])) ? fields[3] + ">" + fields[4] : null;
                continue;
            }
            var at = line.IndexOf("bytes_received:", StringComparison.Ordinal);
            if (connection is not null && at >= 0)
            {
                var digits = line.AsSpan(at + "bytes_received:".Length);
                var end = digits.IndexOfAnyExceptInRange('0', '9');
                sample[connection] = long.Parse(end < 0 ? digits : digits[..end], CultureInfo.InvariantCulture);
                connection = null;
            }
        }
        lock (_received)
        {
            foreach (var (key, bytes) in sample)
            {
                _received[key] = Math.Max(bytes, _received.GetValueOrDefault(key));
            }
        }
        return sample;
    }

    private bool IsNode(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        return colon > 0 && int.TryParse(endpoint.AsSpan(colon + 1), CultureInfo.InvariantCulture, out var port) && _ports.Contains(port);
    }
}
