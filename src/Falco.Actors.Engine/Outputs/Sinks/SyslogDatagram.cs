using System.Globalization;
using System.Net.Sockets;

namespace Falco.Actors.Engine.Outputs.Sinks;

/// <summary>
/// What glibc's <c>syslog(3)</c> sends to the local syslog socket, shared by <c>syslog_output</c>
/// (<see cref="SyslogSink"/>) and the engine's own log (<c>log_syslog</c>, <see cref="Logging.EngineLog"/>): one
/// datagram, <c>&lt;PRI&gt;Mmm dd hh:mm:ss TAG[pid]: message</c> (RFC 3164; the daemon adds the host name), facility
/// <c>user</c>, the severity Falco's priority (Emergency = 0 … Debug = 7).
/// </summary>
public static class SyslogDatagram
{
    public const string DefaultSocketPath = "/dev/log";
    private const int FacilityUser = 1;

    public static string Format(int severity, DateTimeOffset localTime, string tag, int pid, string message)
    {
        var month = localTime.ToString("MMM", CultureInfo.InvariantCulture);
        return $"<{FacilityUser * 8 + severity}>{month} {localTime.Day,2} {localTime:HH:mm:ss} {tag}[{pid}]: {message}";
    }

    /// <summary>A datagram socket connected to <paramref name="socketPath"/>; throws <see cref="SocketException"/> when it cannot connect.</summary>
    public static Socket Connect(string socketPath)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
