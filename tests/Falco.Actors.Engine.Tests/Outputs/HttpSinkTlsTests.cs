using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Outputs.Sinks;

namespace Falco.Actors.Engine.Tests.Outputs;

/// <summary>http_output's TLS options against a real TLS server with certificates made in the test.</summary>
public sealed class HttpSinkTlsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static HttpOutputConfig Config(string url) =>
        new(Enabled: true, Url: url, UserAgent: "falcosecurity/falco", Insecure: false, CaCert: "", CaBundle: "", CaPath: "",
            Mtls: false, ClientCert: "", ClientKey: "", CompressUploads: false, KeepAlive: false, Echo: false);

    [Fact]
    public async Task An_untrusted_server_certificate_is_refused()
    {
        await using var server = new TlsServer(TlsServer.SelfSigned("falcosidekick", forServer: true));
        await using var sink = new HttpSink(Config(server.Url));

        var e = await Assert.ThrowsAsync<AlertSinkException>(() => sink.WriteAsync(Alerts.Json("{}")).AsTask());

        Assert.StartsWith($"http output: POST {server.Url} failed: ", e.Message);
        Assert.Empty(server.Bodies);
    }

    [Fact]
    public async Task Ca_cert_makes_the_server_trusted()
    {
        var certificate = TlsServer.SelfSigned("falcosidekick", forServer: true);
        TlsServer.WritePem(certificate, _dir.File("ca.pem"));
        await using var server = new TlsServer(certificate);
        await using var sink = new HttpSink(Config(server.Url) with { CaCert = _dir.File("ca.pem") });

        await sink.WriteAsync(Alerts.Json("""{"output":"over tls"}"""));

        Assert.Equal(["""{"output":"over tls"}"""], server.Bodies);
    }

    [Fact]
    public async Task Ca_bundle_and_ca_path_are_trusted_too()
    {
        var certificate = TlsServer.SelfSigned("falcosidekick", forServer: true);
        Directory.CreateDirectory(_dir.File("certs"));
        TlsServer.WritePem(certificate, _dir.File("certs/sidekick.crt"));
        TlsServer.WritePem(certificate, _dir.File("bundle.pem"));
        await using var server = new TlsServer(certificate);
        await using var byPath = new HttpSink(Config(server.Url) with { CaPath = _dir.File("certs") });
        await using var byBundle = new HttpSink(Config(server.Url) with { CaBundle = _dir.File("bundle.pem") });

        await byPath.WriteAsync(Alerts.Text("by path"));
        await byBundle.WriteAsync(Alerts.Text("by bundle"));

        Assert.Equal(["by bundle", "by path"], server.Bodies.Order());
    }

    [Fact]
    public async Task Insecure_skips_verification()
    {
        await using var server = new TlsServer(TlsServer.SelfSigned("falcosidekick", forServer: true));
        await using var sink = new HttpSink(Config(server.Url) with { Insecure = true });

        await sink.WriteAsync(Alerts.Text("insecure"));

        Assert.Equal(["insecure"], server.Bodies);
    }

    [Fact]
    public async Task Mtls_presents_the_client_certificate()
    {
        var serverCertificate = TlsServer.SelfSigned("falcosidekick", forServer: true);
        TlsServer.WritePem(serverCertificate, _dir.File("ca.pem"));
        using var client = TlsServer.SelfSigned("falco-client", forServer: false);
        TlsServer.WritePem(client, _dir.File("client.crt"), _dir.File("client.key"));
        await using var server = new TlsServer(serverCertificate, requireClientCertificate: true);
        await using var sink = new HttpSink(Config(server.Url) with
        {
            CaCert = _dir.File("ca.pem"),
            Mtls = true,
            ClientCert = _dir.File("client.crt"),
            ClientKey = _dir.File("client.key"),
        });

        await sink.WriteAsync(Alerts.Text("mutual"));

        Assert.Equal(["CN=falco-client"], server.ClientSubjects);
        Assert.Equal(["mutual"], server.Bodies);
    }

    [Fact]
    public void Missing_tls_files_are_named_when_the_sink_is_made()
    {
        var missing = _dir.File("nope.pem");

        var ca = Assert.Throws<AlertSinkException>(() => new HttpSink(Config("https://127.0.0.1:1/") with { CaCert = missing }));
        var mtls = Assert.Throws<AlertSinkException>(() => new HttpSink(Config("https://127.0.0.1:1/") with { Mtls = true, ClientCert = missing, ClientKey = missing }));

        Assert.Equal($"http output: ca_cert '{missing}' does not exist", ca.Message);
        Assert.Equal($"http output: mtls is on but '{missing}' does not exist", mtls.Message);
    }
}
