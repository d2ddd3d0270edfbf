using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Falco.Actors.Bench.Cluster;

/// <summary>
/// One <c>falco-actors</c> node process of a benchmark run: stdout lines (alerts) kept with the time each arrived,
/// stderr kept for messages, and its CPU time while it runs.
/// </summary>
internal sealed class NodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<(TimeSpan At, string Line)> _stdout = [];
    private readonly List<string> _stderr = [];
    private readonly Stopwatch _clock;
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeProcess(string name, Process process, Stopwatch clock)
    {
        Name = name;
        _process = process;
        _clock = clock;
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static NodeProcess Start(string name, string cliDll, string config, IReadOnlyDictionary<string, string?> environment,
        IEnumerable<string> extraArgs, Stopwatch clock)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(config)!,
        };
        info.ArgumentList.Add(cliDll);
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(config);
        foreach (var arg in extraArgs)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }
        var process = new Process { StartInfo = info };
        var node = new NodeProcess(name, process, clock);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                node._outputClosed.TrySetResult();
                return;
            }
            lock (node._stdout)
            {
                node._stdout.Add((clock.Elapsed, e.Data));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (node._stderr)
                {
                    node._stderr.Add(e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    public IReadOnlyList<(TimeSpan At, string Line)> Stdout()
    {
        lock (_stdout)
        {
            return [.. _stdout];
        }
    }

    public string Stderr()
    {
        lock (_stderr)
        {
            return string.Join('\n', _stderr);
        }
    }

    /// <summary>CPU seconds (user + sys) the process has used so far (/proc/PID/stat; 0 once it is gone).</summary>
    public double CpuSeconds()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            // Fields after the command name (which may hold spaces, hence the last ')'): utime and stime are the 12th and 13th.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public async Task WaitListeningAsync(int port, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it listened:\n{Stderr()}");
            }
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(2));
                return;
            }
            catch (Exception e) when (e is SocketException or TimeoutException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"{Name} did not listen on {port} within {timeout.TotalSeconds:0} s:\n{Stderr()}");
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        await Task.WhenAll(_process.WaitForExitAsync(), _outputClosed.Task).WaitAsync(timeout);
    }

    /// <summary>SIGTERM, then waits: the node leaves the cluster and flushes its outputs, as an operator stops it.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            _ = SendSignal(_process.Id, 15);
        }
        await WaitForExitAsync(timeout);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);

    /// <summary>SIGKILL: the node dies as a crashed machine would, without leaving the cluster.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
