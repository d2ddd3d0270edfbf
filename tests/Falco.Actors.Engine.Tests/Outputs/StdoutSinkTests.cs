using System.Text;
using Falco.Actors.Engine.Outputs.Sinks;

namespace Falco.Actors.Engine.Tests.Outputs;

public sealed class StdoutSinkTests
{
    [Fact]
    public async Task Unbuffered_writes_every_alert_at_once()
    {
        var output = new MemoryStream();
        await using var sink = new StdoutSink(buffered: false, output);

        await sink.WriteAsync(Alerts.Text("a line"));

        Assert.Equal("a line\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task Buffered_holds_alerts_until_flush()
    {
        var output = new MemoryStream();
        await using var sink = new StdoutSink(buffered: true, output);

        await sink.WriteAsync(Alerts.Json("""{"a":1}"""));
        var before = output.Length;
        await sink.FlushAsync();

        Assert.Equal(0, before);
        Assert.Equal("{\"a\":1}\n", Encoding.UTF8.GetString(output.ToArray()));
    }
}
