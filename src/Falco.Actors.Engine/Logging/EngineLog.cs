using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Outputs.Sinks;
using Falco.Actors.Rules;

namespace Falco.Actors.Engine.Logging;

/// <summary>
/// The engine's own log, as Falco's logger writes it: a line is dropped when its level is less severe than
/// <c>log_level</c>; with <c>log_stderr</c> it goes to standard error as <c>Sat Dec  6 12:00:00 2026: message</c>
/// (local time, asctime's form) or, with <c>time_format_iso_8601</c>, <c>2026-12-06T12:00:00+0000: message</c> (UTC);
/// with <c>log_syslog</c> it goes to the local syslog socket at its level (<see cref="SyslogDatagram"/>; when no
/// daemon listens the line is lost, as with glibc's syslog). Every line passes through <see cref="Redaction.Secrets"/>.
/// Thread-safe: the Akka logger, the plugin watchdog and the periodic reports write to it.
/// </summary>
public sealed class EngineLog
{
    private readonly TextWriter? _stderr;
    private readonly string? _syslogPath;
    private readonly bool _iso8601;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private Socket? _syslog;

    /// <param name="stderr">Where <c>log_stderr</c> lines go: standard error except in tests.</param>
    /// <param name="syslogSocket">The syslog socket: <see cref="SyslogDatagram.DefaultSocketPath"/> except in tests.</param>
    public EngineLog(LoggingConfig logging, bool timeFormatIso8601 = false, TextWriter? stderr = null, TimeProvider? time = null,
        string syslogSocket = SyslogDatagram.DefaultSocketPath)
    {
        Level = LevelOf(logging.Level);
        _stderr = logging.Stderr ? stderr ?? Console.Error : null;
        _syslogPath = logging.Syslog ? syslogSocket : null;
        _iso8601 = timeFormatIso8601;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Info and above to <paramref name="writer"/> only (what a host without a configuration logs).</summary>
    public static EngineLog To(TextWriter writer) => new(new LoggingConfig("info", Stderr: true, Syslog: false), stderr: writer);

    /// <summary><c>log_level</c>: the least severe level written.</summary>
    public Priority Level { get; }

    public bool IsEnabled(Priority level) => level <= Level && (_stderr is not null || _syslogPath is not null);

    public void Write(Priority level, string message)
    {
        if (!IsEnabled(level))
        {
            return;
        }
        message = Redaction.Secrets.Redact(message.TrimEnd('\n'));
        var now = _time.GetLocalNow();
        lock (_gate)
        {
            if (_syslogPath is not null)
            {
                SendToSyslog(level, now, message);
            }
            if (_stderr is not null)
            {
                try
                {
                    _stderr.WriteLine($"{Timestamp(now, _iso8601)}: {message}");
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException)
                {
                    // A closed stderr must not stop the engine.
                }
            }
        }
    }

    /// <summary>The time before a log line, as Falco writes it.</summary>
    public static string Timestamp(DateTimeOffset now, bool iso8601)
    {
        if (iso8601)
        {
            var utc = now.ToUniversalTime();
            return utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+0000";
        }
        var local = now;
        return string.Create(CultureInfo.InvariantCulture, $"{local:ddd MMM} {local.Day,2} {local:HH:mm:ss yyyy}");
    }

    /// <summary>A <c>log_level</c> name (checked when falco.yaml is read) as the priority it stands for.</summary>
    public static Priority LevelOf(string name) =>
        PriorityNames.TryParse(name, out var level) ? level : throw new ArgumentException($"unknown log level '{name}'", nameof(name));

    private void SendToSyslog(Priority level, DateTimeOffset now, string message)
    {
        try
        {
            _syslog ??= SyslogDatagram.Connect(_syslogPath!);
            _syslog.Send(Encoding.UTF8.GetBytes(SyslogDatagram.Format((int)level, now, "falco", Environment.ProcessId, message)));
        }
        catch (SocketException)
        {
            // No daemon (or it restarted): this line is lost and the next one connects again.
            _syslog?.Dispose();
            _syslog = null;
        }
    }
}
