using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Falco.Actors.Cli.Tests;

/// <summary>
/// One <c>falco-actors</c> OS process (the CLI built next to the tests, run by the test's dotnet host), its stdout
/// and stderr read continuously into memory (a full pipe would stall it). Dispose kills it (and its children) if it
/// still runs, so a failed test leaves no process behind.
/// </summary>
internal sealed class FalcoActorsProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    private FalcoActorsProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public int Pid => _process.Id;

    /// <summary>Kills the process alone (SIGKILL), not its children: what a crash or the OOM killer does.</summary>
    public void Kill() => _process.Kill(entireProcessTree: false);

    /// <summary>Starts <c>falco-actors <paramref name="args"/></c> in <paramref name="workingDirectory"/>.</summary>
    /// <param name="environment">Variables to set (a null value removes the variable).</param>
    public static FalcoActorsProcess Start(string name, string workingDirectory, IReadOnlyDictionary<string, string?> environment,
        params string[] args)
    {
        var info = StartInfo(workingDirectory, args);
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
        var node = new FalcoActorsProcess(name, process);
        process.OutputDataReceived += (_, e) => node.Append(node._stdout, node._stdoutClosed, e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(node._stderr, node._stderrClosed, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>
    /// <c>falco-actors <paramref name="args"/></c> run by the test host's dotnet (<c>dotnet test</c> sets
    /// DOTNET_HOST_PATH; else the one on PATH) in <paramref name="workingDirectory"/>, standard output and error redirected.
    /// </summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] args)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var info = new ProcessStartInfo(host)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "falco-actors.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        return info;
    }

    /// <summary>The lines written to stdout so far (all of them once <see cref="WaitForExitAsync"/> returned).</summary>
    public string[] StdoutLines()
    {
        lock (_stdout)
        {
            return _stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
    }

    public string Stderr()
    {
        lock (_stderr)
        {
            return _stderr.ToString();
        }
    }

    /// <summary>Waits until standard error so far satisfies <paramref name="condition"/>; false when it exited or time ran out.</summary>
    public async Task<bool> WaitForStderrAsync(Func<string, bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition(Stderr()))
        {
            if (clock.Elapsed > timeout || _process.HasExited)
            {
                return condition(Stderr());
            }
            await Task.Delay(100);
        }
        return true;
    }

    /// <summary>Waits for the process to exit and its output to be read; false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await Task.WhenAll(_process.WaitForExitAsync(), _stdoutClosed.Task, _stderrClosed.Task).WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Waits until the node accepts TCP connections on <paramref name="port"/>; false when it exited or time ran out.</summary>
    public async Task<bool> WaitListeningAsync(int port, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && !_process.HasExited)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(2));
                return true;
            }
            catch (Exception e) when (e is SocketException or TimeoutException)
            {
                await Task.Delay(200);
            }
        }
        return false;
    }

    /// <summary>What a failure message shows of this node: its state and the end of its stderr.</summary>
    public string Describe()
    {
        var stderr = Stderr();
        var state = _process.HasExited ? $"exited with {_process.ExitCode}" : "still running";
        return $"--- {Name} ({state}), stderr{(stderr.Length > 4000 ? " (last 4000 characters)" : "")}:\n{(stderr.Length > 4000 ? stderr[^4000..] : stderr)}";
    }

    /// <summary>
    /// Asks the node to stop as an operator would (SIGTERM: a clustered node leaves the cluster and flushes its
    /// outputs), then waits for it; false when it did not exit within <paramref name="timeout"/>.
    /// </summary>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            _ = SendSignal(_process.Id, SigTerm);
        }
        return await WaitForExitAsync(timeout);
    }

    /// <summary>Sends SIGTERM, as an operator's <c>kill</c>, and returns at once.</summary>
    public void Terminate()
    {
        if (!_process.HasExited)
        {
            _ = SendSignal(_process.Id, SigTerm);
        }
    }

    /// <summary>Waits until stderr holds <paramref name="text"/>; false when the process exited or time ran out first.</summary>
    public async Task<bool> WaitForStderrAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!Stderr().Contains(text, StringComparison.Ordinal))
        {
            if (clock.Elapsed > timeout || _process.HasExited)
            {
                return Stderr().Contains(text, StringComparison.Ordinal);
            }
            await Task.Delay(100);
        }
        return true;
    }

    /// <summary>Sends a signal (Linux numbers: 1 SIGHUP, 10 SIGUSR1, 15 SIGTERM), as an operator's <c>kill -s</c>, and returns at once.</summary>
    public void Signal(int signal)
    {
        if (!_process.HasExited)
        {
            _ = SendSignal(_process.Id, signal);
        }
    }

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    /// <summary>A TCP port free on 127.0.0.1 at the time of the call.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
        _process.Dispose();
    }

    private void Append(StringBuilder text, TaskCompletionSource closed, string? line)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }
        lock (text)
        {
            text.Append(line).Append('\n');
        }
    }
}
