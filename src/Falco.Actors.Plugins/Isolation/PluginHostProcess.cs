using System.Diagnostics;
using Falco.Actors.Plugins.Abstractions;

namespace Falco.Actors.Plugins.Isolation;

/// <summary>
/// The engine's end of one plugin-host process: it starts the process, sends one request at a time and reads its
/// answer. A call that ends without an answer (the process died: a segfault, an abort, an exit) or that takes
/// longer than the call timeout (the process is then killed) throws a <see cref="PluginException"/> that names the
/// plugin, the call and the signal or exit code; from then on every call throws it. The process's standard error
/// goes to the log, line by line, with the plugin's name.
/// </summary>
internal sealed class PluginHostProcess : IDisposable
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(5);
    private readonly Process _process;
    private readonly Stream _requests;
    private readonly Stream _replies;
    private readonly string _plugin;
    private readonly TimeSpan _callTimeout;
    private readonly Timer _watchdog;
    private readonly Task _stderrClosed;
    private readonly Lock _gate = new();
    private long _call; // the number of the call in progress, 0 between calls (under _gate)
    private long _calls;
    private bool _timedOut; // the watchdog killed the process
    private string? _death; // why every call fails from now on

    private PluginHostProcess(Process process, string plugin, TimeSpan callTimeout, Task stderrClosed)
    {
        _process = process;
        _stderrClosed = stderrClosed;
        _plugin = plugin;
        _callTimeout = callTimeout;
        _requests = process.StandardInput.BaseStream;
        _replies = new BufferedStream(process.StandardOutput.BaseStream, 64 * 1024);
        _watchdog = new Timer(Expired);
    }

    /// <summary>The request to send next (begin it, write it, then <see cref="Call"/>).</summary>
    public HostFrameWriter Request { get; } = new();

    /// <summary>The answer of the last call.</summary>
    public HostFrameReader Reply { get; } = new();

    public int ProcessId => _process.Id;

    public bool Alive => _death is null;

    public static PluginHostProcess Start(string plugin, PluginHostOptions options)
    {
        var command = options.Command ?? PluginHostCommand.Locate();
        var info = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.ArgumentList.Add(PluginHostServer.Flag);
        info.ArgumentList.Add(plugin);
        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            process.Dispose();
            throw new PluginException($"plugin '{plugin}': cannot start its host process ({command.FileName}): {e.Message}", e);
        }
        var pid = process.Id;
        var log = options.Log;
        var stderrClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                log($"plugin '{plugin}' (host process {pid}): {line}");
            }
            else
            {
                stderrClosed.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
        return new PluginHostProcess(process, plugin, options.CallTimeout, stderrClosed.Task);
    }

    /// <summary>
    /// Sends <see cref="Request"/> as the plugin call <paramref name="call"/> and waits for the answer: returns its
    /// kind, with the body to read from <see cref="Reply"/>; throws a <see cref="PluginException"/> when the plugin
    /// failed the call (its message), when the process is gone or when it did not answer in time.
    /// </summary>
    public HostMessage Call(string call)
    {
        if (_death is not null)
        {
            throw new PluginException(_death);
        }
        HostMessage? kind;
        Arm();
        try
        {
            Request.Send(_requests);
            kind = Reply.Receive(_replies);
        }
        catch (IOException)
        {
            kind = null; // a broken pipe or a frame cut short: the process is gone
        }
        catch (InvalidDataException e)
        {
            Disarm();
            throw Broken(call, e.Message);
        }
        Disarm();
        if (kind is null)
        {
            throw Fail(Died(call));
        }
        if (kind == HostMessage.Failed)
        {
            throw new PluginException(Reply.ReadString());
        }
        return kind.Value;
    }

    /// <summary>Checks that an answer is the one expected; anything else means the process cannot be trusted.</summary>
    public void Expect(HostMessage kind, HostMessage expected, string call)
    {
        if (kind != expected)
        {
            throw Broken(call, $"{kind} instead of {expected}");
        }
    }

    /// <summary>An answer that cannot be read: the process is stopped, and this and every later call fail.</summary>
    public PluginException Broken(string call, string what) =>
        Fail($"plugin '{_plugin}' host process answered {call} with a malformed frame ({what}); it was stopped");

    /// <summary>Waits (bounded) for the process to end after its last answer, then kills it if it has not.</summary>
    public void Dispose()
    {
        _watchdog.Dispose();
        try
        {
            _requests.Dispose(); // end of input: a host still running closes, destroys and exits
        }
        catch (IOException)
        {
        }
        if (!_process.WaitForExit(ExitWait))
        {
            Kill();
        }
        // Its last lines (a plugin's log at destroy, what an abort printed) are logged before the process object
        // goes; a descendant that keeps stderr open only delays this by the bound.
        _stderrClosed.Wait(ExitWait);
        _process.Dispose();
        _death ??= $"plugin '{_plugin}' host process was stopped";
    }

    private void Arm()
    {
        if (_callTimeout <= TimeSpan.Zero)
        {
            return;
        }
        lock (_gate)
        {
            _call = ++_calls;
            _watchdog.Change(_callTimeout, Timeout.InfiniteTimeSpan);
        }
    }

    private void Disarm()
    {
        if (_callTimeout <= TimeSpan.Zero)
        {
            return;
        }
        lock (_gate)
        {
            _call = 0;
            _watchdog.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    private void Expired(object? state)
    {
        lock (_gate)
        {
            if (_call == 0)
            {
                return; // the answer came first
            }
            _timedOut = true;
        }
        Kill(); // the pending read then ends: the call reports the timeout
    }

    private PluginException Fail(string why)
    {
        _death = why;
        Kill();
        return new PluginException(why);
    }

    private string Died(string call)
    {
        if (_timedOut)
        {
            _process.WaitForExit(ExitWait);
            return $"plugin '{_plugin}' session process did not answer {call} within {_callTimeout.TotalSeconds:0.###} s and was killed";
        }
        if (!_process.WaitForExit(ExitWait))
        {
            return $"plugin '{_plugin}' session process stopped answering in {call} (its output closed) and was killed";
        }
        _stderrClosed.Wait(TimeSpan.FromSeconds(1)); // what it printed as it died is logged before the failure
        return $"plugin '{_plugin}' session process died in {call}: {ExitDescription(_process.ExitCode)}";
    }

    private void Kill()
    {
        try
        {
            _process.Kill();
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    /// <summary>.NET reports a process ended by signal N as exit code 128 + N.</summary>
    internal static string ExitDescription(int code) => code switch
    {
        > 128 and < 128 + 32 => SignalName(code - 128),
        _ => $"exited with code {code}",
    };

    private static string SignalName(int signal) => signal switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        5 => "SIGTRAP",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        13 => "SIGPIPE",
        15 => "SIGTERM",
        _ => $"signal {signal}",
    };
}
