using System.Text;
using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Outputs.Sinks;

namespace Falco.Actors.Engine.Tests.Outputs;

public sealed class HttpSinkTests
{
    private static HttpOutputConfig Config(string url) =>
        new(Enabled: true, Url: url, UserAgent: "falcosecurity/falco", Insecure: false, CaCert: "", CaBundle: "", CaPath: "",
            Mtls: false, ClientCert: "", ClientKey: "", CompressUploads: false, KeepAlive: false, Echo: false);

    private static readonly SinkRetryPolicy FastRetry =
        new(MaxAttempts: 3, AttemptTimeout: TimeSpan.FromSeconds(5), InitialBackoff: TimeSpan.FromMilliseconds(10), MaxBackoff: TimeSpan.FromMilliseconds(50));

    [Fact]
    public async Task Json_alert_is_posted_as_application_json_with_the_user_agent()
    {
        await using var server = new HttpRecorder();
        await using var sink = new HttpSink(Config(server.Url) with { UserAgent = "falco-actors/1.0" });

        await sink.WriteAsync(Alerts.Json("""{"output":"x","priority":"Warning"}"""));

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("falco-actors/1.0", request.UserAgent);
        Assert.Equal("""{"output":"x","priority":"Warning"}""", Encoding.UTF8.GetString(request.Body));
        Assert.Null(request.ContentEncoding);
    }

    [Fact]
    public async Task Text_alert_is_posted_as_text_plain()
    {
        await using var server = new HttpRecorder();
        await using var sink = new HttpSink(Config(server.Url));

        await sink.WriteAsync(Alerts.Text("12:00:00.000000000: Warning a text alert"));

        var request = Assert.Single(server.Requests);
        Assert.Equal("text/plain", request.ContentType);
        Assert.Equal("falcosecurity/falco", request.UserAgent);
        Assert.Equal("12:00:00.000000000: Warning a text alert", Encoding.UTF8.GetString(request.Body));
    }

    [Fact]
    public async Task Compress_uploads_asks_for_a_compressed_answer_and_sends_the_body_as_it_is()
    {
        await using var server = new HttpRecorder();
        await using var sink = new HttpSink(Config(server.Url) with { CompressUploads = true });

        await sink.WriteAsync(Alerts.Json("""{"output":"not compressed"}"""));

        var request = Assert.Single(server.Requests);
        Assert.Null(request.ContentEncoding);
        Assert.Equal("gzip", request.Te);
        Assert.Equal("""{"output":"not compressed"}""", Encoding.UTF8.GetString(request.Body));
    }

    [Fact]
    public async Task Without_compress_uploads_no_compression_is_asked_for()
    {
        await using var server = new HttpRecorder();
        await using var sink = new HttpSink(Config(server.Url));

        await sink.WriteAsync(Alerts.Text("plain"));

        var request = Assert.Single(server.Requests);
        Assert.Null(request.Te);
        Assert.Null(request.ContentEncoding);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task One_connection_is_reused_for_every_alert_with_or_without_keep_alive(bool keepAlive)
    {
        await using var server = new HttpRecorder();
        await using (var sink = new HttpSink(Config(server.Url) with { KeepAlive = keepAlive }))
        {
            await sink.WriteAsync(Alerts.Text("a"));
            await sink.WriteAsync(Alerts.Text("b"));
            await sink.WriteAsync(Alerts.Text("c"));
        }

        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.True(r.KeepAlive));
        Assert.Single(server.Requests.Select(r => r.RemotePort).Distinct());
    }

    [Fact]
    public async Task Echo_prints_the_answer()
    {
        await using var server = new HttpRecorder(answer: "{\"status\":\"ok\"}");
        var echo = new StringWriter();
        await using var sink = new HttpSink(Config(server.Url) with { Echo = true }, echo: echo);

        await sink.WriteAsync(Alerts.Text("a"));

        Assert.Equal("{\"status\":\"ok\"}" + Environment.NewLine, echo.ToString());
    }

    [Fact]
    public async Task A_500_is_a_failure_naming_the_status()
    {
        await using var server = new HttpRecorder([500]);
        await using var sink = new HttpSink(Config(server.Url));

        var e = await Assert.ThrowsAsync<AlertSinkException>(() => sink.WriteAsync(Alerts.Text("a")).AsTask());

        Assert.Equal($"http output: POST {server.Url} answered 500 Internal Server Error", e.Message);
    }

    [Fact]
    public async Task A_500_then_200_is_retried_and_delivered()
    {
        await using var server = new HttpRecorder([500]);
        await using var sink = new RetryingAlertSink(new HttpSink(Config(server.Url)), FastRetry);
        var failures = new List<SinkFailure>();
        sink.Failed += failures.Add;

        await sink.WriteAsync(Alerts.Json("""{"n":1}"""));

        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("""{"n":1}""", Encoding.UTF8.GetString(r.Body)));
        Assert.Equal(1, sink.Delivered);
        Assert.Equal(1, sink.FailedAttempts);
        Assert.Equal(0, sink.Dropped);
        var failure = Assert.Single(failures);
        Assert.Equal("http", failure.SinkName);
        Assert.Equal(1, failure.Attempt);
        Assert.False(failure.GaveUp);
    }

    [Fact]
    public async Task An_output_that_keeps_failing_is_dropped_after_the_last_attempt()
    {
        await using var server = new HttpRecorder([503, 503, 503, 503]);
        await using var sink = new RetryingAlertSink(new HttpSink(Config(server.Url)), FastRetry);
        var failures = new List<SinkFailure>();
        sink.Failed += failures.Add;

        await sink.WriteAsync(Alerts.Text("a"));

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(0, sink.Delivered);
        Assert.Equal(1, sink.Dropped);
        Assert.Equal([1, 2, 3], failures.Select(f => f.Attempt));
        Assert.True(failures[^1].GaveUp);
        Assert.Contains("answered 503", failures[^1].Error.Message);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_is_bounded_by_the_attempt_timeout()
    {
        await using var server = new HttpRecorder(delay: TimeSpan.FromSeconds(20));
        var policy = FastRetry with { MaxAttempts = 2, AttemptTimeout = TimeSpan.FromMilliseconds(300) };
        await using var sink = new RetryingAlertSink(new HttpSink(Config(server.Url)), policy);
        var failures = new List<SinkFailure>();
        sink.Failed += failures.Add;

        var started = DateTime.UtcNow;
        await sink.WriteAsync(Alerts.Text("a"));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        Assert.Equal(1, sink.Dropped);
        Assert.All(failures, f => Assert.IsType<TimeoutException>(f.Error));
    }

    [Fact]
    public async Task The_callers_own_cancellation_is_thrown_not_retried()
    {
        await using var server = new HttpRecorder(delay: TimeSpan.FromSeconds(20));
        await using var sink = new RetryingAlertSink(new HttpSink(Config(server.Url)), FastRetry);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sink.WriteAsync(Alerts.Text("a"), stop.Token).AsTask());

        Assert.Equal(0, sink.FailedAttempts);
        Assert.Equal(0, sink.Dropped);
    }

    [Fact]
    public async Task Nothing_listening_is_a_failure_naming_the_url()
    {
        var url = $"http://127.0.0.1:{HttpRecorder.FreePort()}/";
        await using var sink = new HttpSink(Config(url));

        var e = await Assert.ThrowsAsync<AlertSinkException>(() => sink.WriteAsync(Alerts.Text("a")).AsTask());

        Assert.StartsWith($"http output: POST {url} failed: ", e.Message);
    }
}
