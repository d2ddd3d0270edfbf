using System.Net.Sockets;
using System.Text;

namespace Falco.Actors.Engine.Outputs.Sinks;

/// <summary>
/// <c>syslog_output</c>: one datagram per alert to the local syslog socket (<see cref="SyslogDatagram"/>), the
/// severity being the alert's priority (Falco's priorities are the syslog severities).
/// </summary>
public sealed class SyslogSink : IAlertSink
{
    public const string DefaultSocketPath = SyslogDatagram.DefaultSocketPath;

    private readonly string _tag;
    private readonly TimeProvider _time;
    private readonly int _pid = Environment.ProcessId;
    private Socket? _socket;

    /// <param name="tag">The program name in every message.</param>
    /// <param name="socketPath">The Unix datagram socket; <see cref="DefaultSocketPath"/> except in tests.</param>
    /// <exception cref="AlertSinkException">The socket does not exist or does not accept a connection.</exception>
    public SyslogSink(string tag = "falco", string socketPath = DefaultSocketPath, TimeProvider? time = null)
    {
        _tag = tag;
        SocketPath = socketPath;
        _time = time ?? TimeProvider.System;
        if (!Path.Exists(socketPath))
        {
            throw new AlertSinkException(Name,
                $"the local syslog socket {socketPath} does not exist (is a syslog daemon such as rsyslog, syslog-ng or journald running?)");
        }
        _socket = Connect();
    }

    public string Name => "syslog";

    public string SocketPath { get; }

    /// <summary>The datagram for one alert at <paramref name="localTime"/>.</summary>
    public static string Format(FormattedAlert alert, DateTimeOffset localTime, string tag, int pid) =>
        SyslogDatagram.Format((int)alert.Priority, localTime, tag, pid, alert.Payload);

    public async ValueTask WriteAsync(FormattedAlert alert, CancellationToken cancellationToken = default)
    {
        var datagram = Encoding.UTF8.GetBytes(Format(alert, _time.GetLocalNow(), _tag, _pid));
        try
        {
            _socket ??= Connect();
            await _socket.SendAsync(datagram, SocketFlags.None, cancellationToken);
        }
        catch (SocketException e)
        {
            // The daemon may have restarted: reconnect on the next attempt.
            _socket?.Dispose();
            _socket = null;
            throw new AlertSinkException(Name, $"cannot send to {SocketPath}: {e.Message}", e);
        }
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _socket?.Dispose();
        _socket = null;
        return ValueTask.CompletedTask;
    }

    private Socket Connect()
    {
        try
        {
            return SyslogDatagram.Connect(SocketPath);
        }
        catch (SocketException e)
        {
            throw new AlertSinkException(Name, $"cannot connect to the syslog socket {SocketPath}: {e.Message}", e);
        }
    }
}
