using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Falco.Actors.Engine.Outputs.Sinks;
using Falco.Actors.Rules;

namespace Falco.Actors.Engine.Tests.Outputs;

/// <summary>The sink sends to our own Unix datagram socket, bound where /dev/log would be.</summary>
public sealed class SyslogSinkTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Socket _receiver = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly string _socketPath;

    public SyslogSinkTests()
    {
        _socketPath = _dir.File("log.sock");
        _receiver.Bind(new UnixDomainSocketEndPoint(_socketPath));
    }

    public void Dispose()
    {
        _receiver.Dispose();
        _dir.Dispose();
    }

    private async Task<string> ReceiveAsync()
    {
        var buffer = new byte[65536];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var n = await _receiver.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    [Theory]
    [InlineData(Priority.Emergency, 8)]
    [InlineData(Priority.Critical, 10)]
    [InlineData(Priority.Warning, 12)]
    [InlineData(Priority.Informational, 14)]
    [InlineData(Priority.Debug, 15)]
    public async Task Sends_an_rfc3164_datagram_with_facility_user_and_the_priority_as_severity(Priority priority, int pri)
    {
        await using var sink = new SyslogSink("falco", _socketPath);

        await sink.WriteAsync(Alerts.Text("12:00:00.000000000: Warning Console login without MFA", priority));

        var datagram = await ReceiveAsync();
        var pid = Environment.ProcessId;
        Assert.Matches(new Regex($@"^<{pri}>[A-Z][a-z]{{2}} [ \d]\d \d\d:\d\d:\d\d falco\[{pid}\]: 12:00:00\.000000000: Warning Console login without MFA$"), datagram);
    }

    [Fact]
    public async Task Json_alerts_are_sent_as_their_json()
    {
        await using var sink = new SyslogSink("falco-actors", _socketPath);

        await sink.WriteAsync(Alerts.Json("""{"rule":"r"}"""));

        Assert.EndsWith("""falco-actors[""" + Environment.ProcessId + """]: {"rule":"r"}""", await ReceiveAsync());
    }

    [Fact]
    public void Day_is_space_padded_as_rfc3164_wants()
    {
        var time = new DateTimeOffset(2026, 11, 6, 7, 8, 9, TimeSpan.Zero);

        Assert.Equal("<12>Nov  6 07:08:09 falco[42]: hi", SyslogSink.Format(Alerts.Text("hi"), time, "falco", 42));
    }

    [Fact]
    public void A_missing_socket_is_a_clear_error()
    {
        var missing = _dir.File("no-log");

        var e = Assert.Throws<AlertSinkException>(() => new SyslogSink("falco", missing));

        Assert.Equal("syslog", e.SinkName);
        Assert.Contains($"the local syslog socket {missing} does not exist", e.Message);
    }

    [Fact]
    public async Task A_syslog_daemon_that_stops_reading_bounds_each_send_by_the_timeout()
    {
        var policy = new SinkRetryPolicy(1, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1));
        await using var sink = new RetryingAlertSink(new SyslogSink(socketPath: _socketPath), policy);
        var alert = Alerts.Text(new string('x', 8 * 1024));

        // Nobody receives: the socket's queue fills and a send blocks, until the attempt's timeout cancels it.
        for (var i = 0; i < 10_000 && sink.Dropped == 0; i++)
        {
            await sink.WriteAsync(alert);
        }

        Assert.Equal(1, sink.Dropped);
        Assert.True(sink.Delivered > 0);
    }
}
