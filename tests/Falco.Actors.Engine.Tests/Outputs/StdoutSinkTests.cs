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

    [Fact]
    public async Task Writes_to_the_callers_writer_flushing_it_after_every_alert_and_never_closing_it()
    {
        var output = new FlushCountingWriter();
        var sink = new StdoutSink(buffered: false, output);

        await sink.WriteAsync(Alerts.Text("one"));
        await sink.WriteAsync(Alerts.Json("""{"a":1}"""));
        await sink.DisposeAsync();

        Assert.Equal("one\n{\"a\":1}\n", output.ToString());
        Assert.Equal(3, output.Flushes); // one per alert, one on dispose
        output.Write("still open");
    }

    [Fact]
    public async Task Buffered_leaves_the_callers_writer_to_flush_when_it_is_asked()
    {
        var output = new FlushCountingWriter();
        await using var sink = new StdoutSink(buffered: true, output);

        await sink.WriteAsync(Alerts.Text("one"));
        var before = output.Flushes;
        await sink.FlushAsync();

        Assert.Equal(0, before);
        Assert.Equal(1, output.Flushes);
    }

    private sealed class FlushCountingWriter : StringWriter
    {
        public int Flushes { get; private set; }

        // A StringWriter has nothing to flush: count, without calling one overload from the other.
        public override Task FlushAsync()
        {
            Flushes++;
            return Task.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flushes++;
            return Task.CompletedTask;
        }

        protected override void Dispose(bool disposing) => throw new InvalidOperationException("the sink closed the caller's writer");
    }
}
