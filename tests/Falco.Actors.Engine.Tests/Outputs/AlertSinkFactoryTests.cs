using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Outputs.Sinks;

namespace Falco.Actors.Engine.Tests.Outputs;

public sealed class AlertSinkFactoryTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Builds_one_retrying_sink_per_enabled_output_and_reports_the_ones_that_cannot_start()
    {
        var config = FalcoConfigurationLoader.LoadText("""
            output_timeout: 700
            stdout_output: {enabled: false}
            syslog_output: {enabled: true}
            file_output: {enabled: true, filename: events.txt}
            program_output: {enabled: true, program: "cat > /dev/null"}
            http_output: {enabled: true, url: "https://127.0.0.1:1/", ca_cert: missing-ca.pem}
            """, "inline.yaml", _dir.Path);

        var set = AlertSinkFactory.Create(config);

        var expected = Path.Exists(SyslogSink.DefaultSocketPath) ? new[] { "file", "syslog", "program" } : ["file", "program"];
        Assert.Equal(expected, set.Sinks.Select(s => s.Name));
        Assert.Contains(set.Problems, p => p.SinkName == "http" && p.Message.Contains("ca_cert 'missing-ca.pem' does not exist"));
        if (!Path.Exists(SyslogSink.DefaultSocketPath))
        {
            Assert.Contains(set.Problems, p => p.SinkName == "syslog" && p.Message.Contains("/dev/log does not exist"));
        }
        await set.Sinks[0].WriteAsync(Alerts.Text("through the factory"));
        Assert.Equal("through the factory\n", await File.ReadAllTextAsync(_dir.File("events.txt")));
        foreach (var sink in set.Sinks)
        {
            await sink.DisposeAsync();
        }
    }
}
