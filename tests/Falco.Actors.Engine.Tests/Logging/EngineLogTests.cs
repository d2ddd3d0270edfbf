using System.Net.Sockets;
using System.Text;
using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Logging;
using Falco.Actors.Rules;

namespace Falco.Actors.Engine.Tests.Logging;

/// <summary>The engine's log as Falco's logger: level filter, stderr form (asctime or ISO 8601), syslog to a real socket.</summary>
public sealed class EngineLogTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 6, 12, 0, 5, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly Socket _syslog = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

    public EngineLogTests() => _syslog.Bind(new UnixDomainSocketEndPoint(_dir.File("log.sock")));

    public void Dispose()
    {
        _syslog.Dispose();
        _dir.Dispose();
    }

    private EngineLog Log(string level, bool stderr, bool syslog, TextWriter writer, bool iso = false) =>
        new(new LoggingConfig(level, stderr, syslog), iso, writer, new FixedTime(Noon), _dir.File("log.sock"));

    [Theory]
    [InlineData("error", new[] { "an error" })]
    [InlineData("warning", new[] { "an error", "a warning" })]
    [InlineData("info", new[] { "an error", "a warning", "some info" })]
    [InlineData("debug", new[] { "an error", "a warning", "some info", "a detail" })]
    public void Lines_less_severe_than_log_level_are_dropped(string level, string[] shown)
    {
        var writer = new StringWriter();
        var log = Log(level, stderr: true, syslog: false, writer);

        log.Write(Priority.Error, "an error");
        log.Write(Priority.Warning, "a warning");
        log.Write(Priority.Informational, "some info");
        log.Write(Priority.Debug, "a detail");

        Assert.Equal(shown, writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[(l.IndexOf(": ") + 2)..]));
    }

    [Fact]
    public void A_stderr_line_has_asctimes_local_time_or_with_iso_8601_the_utc_time()
    {
        Assert.Equal("Sun Dec  6 12:00:05 2026", EngineLog.Timestamp(Noon, iso8601: false));
        Assert.Equal("2026-12-06T12:00:05+0000", EngineLog.Timestamp(Noon.ToOffset(TimeSpan.FromHours(2)), iso8601: true));
        var writer = new StringWriter();
        Log("info", stderr: true, syslog: false, writer, iso: true).Write(Priority.Warning, "hello\n");
        Assert.EndsWith("+0000: hello\n", writer.ToString());
    }

    [Fact]
    public async Task Log_syslog_sends_each_line_at_its_level_and_log_stderr_false_writes_nothing_there()
    {
        var writer = new StringWriter();
        var log = Log("info", stderr: false, syslog: true, writer);

        log.Write(Priority.Warning, "to syslog");

        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var n = await _syslog.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        Assert.Matches($@"^<12>\w{{3}} [ \d]\d \d\d:\d\d:\d\d falco\[{Environment.ProcessId}\]: to syslog$", Encoding.UTF8.GetString(buffer, 0, n));
        Assert.Equal("", writer.ToString());
    }

    [Fact]
    public void A_missing_syslog_socket_loses_the_line_and_never_throws()
    {
        var writer = new StringWriter();
        var log = new EngineLog(new LoggingConfig("info", true, true), false, writer, syslogSocket: _dir.File("none.sock"));

        log.Write(Priority.Error, "still on stderr");

        Assert.EndsWith(": still on stderr\n", writer.ToString());
    }

    /// <summary>Always <see cref="Noon"/>, in UTC.</summary>
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
