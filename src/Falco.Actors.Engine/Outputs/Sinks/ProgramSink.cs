using System.Diagnostics;
using System.Text;

namespace Falco.Actors.Engine.Outputs.Sinks;

/// <summary>
/// <c>program_output</c>: alerts written, one line each, to the standard input of <c>/bin/sh -c program</c>.
/// Without <c>keep_alive</c> every alert gets its own process, which is waited for (Falco's popen/pclose);
/// with it, one process reads every alert and is started again if it has exited. A program that does not read its
/// standard input fills the pipe and blocks the write: when the attempt is cancelled (<c>output_timeout</c>) the
/// process is killed, which ends the blocked write, and the next alert starts it again.
/// </summary>
public sealed class ProgramSink : IAlertSink
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false);
    private readonly bool _keepAlive;
    private Process? _kept;

    public ProgramSink(string program, bool keepAlive, string shell = "/bin/sh")
    {
        Program = program;
        _keepAlive = keepAlive;
        Shell = shell;
    }

    public string Name => "program";

    public string Program { get; }

    public string Shell { get; }

    public async ValueTask WriteAsync(FormattedAlert alert, CancellationToken cancellationToken = default)
    {
        if (_keepAlive)
        {
            await WriteToKeptAsync(alert, cancellationToken);
            return;
        }
        using var process = Start();
        await using var killOnCancel = cancellationToken.Register(() => Kill(process));
        try
        {
            await process.StandardInput.WriteAsync((alert.Payload + "\n").AsMemory(), cancellationToken);
            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }
        catch (IOException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"'{Program}' did not read its input in time", e, cancellationToken);
        }
        catch (IOException e)
        {
            Kill(process);
            throw new AlertSinkException(Name, $"cannot write to '{Program}': {e.Message}", e);
        }
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_kept is { HasExited: false } kept)
        {
            await using var killOnCancel = cancellationToken.Register(() => Kill(kept));
            await kept.StandardInput.FlushAsync(cancellationToken);
        }
    }

    /// <summary>With <c>keep_alive</c>: the program reads what it was sent to its end and exits; the next alert starts it again.</summary>
    public ValueTask ReopenAsync(CancellationToken cancellationToken = default) => DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        var kept = _kept;
        _kept = null;
        if (kept is null)
        {
            return;
        }
        try
        {
            // Closing flushes what is buffered, which blocks while the program does not read: bounded like the wait.
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await Task.Run(kept.StandardInput.Close, CancellationToken.None).WaitAsync(grace.Token);
            await kept.WaitForExitAsync(grace.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
            Kill(kept);
        }
        finally
        {
            kept.Dispose();
        }
    }

    private async ValueTask WriteToKeptAsync(FormattedAlert alert, CancellationToken cancellationToken)
    {
        if (_kept is { HasExited: true })
        {
            var code = _kept.ExitCode;
            _kept.Dispose();
            _kept = null;
            throw new AlertSinkException(Name, $"'{Program}' exited with code {code}; it will be started again");
        }
        _kept ??= Start();
        var kept = _kept;
        await using var killOnCancel = cancellationToken.Register(() => Kill(kept));
        try
        {
            await kept.StandardInput.WriteAsync((alert.Payload + "\n").AsMemory(), cancellationToken);
            await kept.StandardInput.FlushAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Kill(kept);
            kept.Dispose();
            _kept = null;
            throw;
        }
        catch (IOException e) when (cancellationToken.IsCancellationRequested)
        {
            // The write was blocked on a full pipe and ended because the process was killed at the timeout.
            kept.Dispose();
            _kept = null;
            throw new OperationCanceledException($"'{Program}' did not read its input in time", e, cancellationToken);
        }
        catch (IOException e)
        {
            Kill(_kept);
            _kept.Dispose();
            _kept = null;
            throw new AlertSinkException(Name, $"cannot write to '{Program}': {e.Message}", e);
        }
    }

    private Process Start()
    {
        var info = new ProcessStartInfo(Shell)
        {
            RedirectStandardInput = true,
            StandardInputEncoding = Utf8,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Program);
        try
        {
            return Process.Start(info) ?? throw new AlertSinkException(Name, $"'{Shell} -c {Program}' did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new AlertSinkException(Name, $"cannot start '{Shell} -c {Program}': {e.Message}", e);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }
}
