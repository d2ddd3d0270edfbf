using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Monitoring;

namespace Falco.Actors.Engine.Tests.Monitoring;

/// <summary>
/// The webserver's guard over real sockets on 127.0.0.1: HTTPS with a generated certificate (ssl_enabled,
/// ssl_certificate), and garbage, slow, oversized and idle clients dropped while a normal request is still answered.
/// </summary>
public sealed class WebServerGuardTests : IDisposable
{
    private static readonly string Metrics = "# HELP x_total x\n# TYPE x_total counter\nx_total 1\n";

    // Short enough for a test to see the drop, long enough for any loaded machine to send a normal request.
    private static readonly WebServerLimits Short = new() { HeadersTimeout = TimeSpan.FromSeconds(2), IdleTimeout = TimeSpan.FromSeconds(2) };

    private readonly string _folder = Directory.CreateTempSubdirectory("falco-actors-web-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static WebserverConfig Config(int port) => new(true, port, "127.0.0.1", "/healthz");

    /// <summary>Falco's ssl_certificate: the certificate then its private key, in one PEM file.</summary>
    private (string File, X509Certificate2 Certificate) GenerateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var file = Path.Combine(_folder, "falco.pem");
        File.WriteAllText(file, certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n");
        return (file, certificate);
    }

    private static HttpClient TrustingOnly(X509Certificate2 expected) => new(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == expected.GetCertHashString() },
    })
    { Timeout = TimeSpan.FromSeconds(20) };

    [Fact]
    public async Task With_ssl_enabled_healthz_and_metrics_are_served_over_tls_and_plain_http_fails_cleanly()
    {
        var (file, certificate) = GenerateCertificate();
        var port = Ports.Free();
        await using var server = await FalcoWebServer.StartAsync(Config(port) with { SslEnabled = true, SslCertificate = file }, () => Metrics);
        using var https = TrustingOnly(certificate);

        Assert.Equal(new Uri($"https://127.0.0.1:{port}/"), server.Address);
        Assert.Equal("""{"status": "ok"}""", await https.GetStringAsync($"https://127.0.0.1:{port}/healthz"));
        Assert.Equal(Metrics, await https.GetStringAsync($"https://127.0.0.1:{port}/metrics"));

        using var plain = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        await Assert.ThrowsAsync<HttpRequestException>(() => plain.GetAsync($"http://127.0.0.1:{port}/healthz"));
        Assert.Equal("""{"status": "ok"}""", await https.GetStringAsync($"https://127.0.0.1:{port}/healthz"));
    }

    [Fact]
    public async Task A_missing_or_keyless_certificate_stops_the_start_naming_the_file()
    {
        var missing = Path.Combine(_folder, "absent.pem");
        var e = await Assert.ThrowsAsync<WebServerException>(() =>
            FalcoWebServer.StartAsync(Config(Ports.Free()) with { SslEnabled = true, SslCertificate = missing }, () => Metrics));
        Assert.Contains($"webserver.ssl_certificate '{missing}' does not exist", e.Message);

        var (file, certificate) = GenerateCertificate();
        File.WriteAllText(file, certificate.ExportCertificatePem());
        e = await Assert.ThrowsAsync<WebServerException>(() =>
            FalcoWebServer.StartAsync(Config(Ports.Free()) with { SslEnabled = true, SslCertificate = file }, () => Metrics));
        Assert.Contains("must be one PEM file holding the certificate and its unencrypted private key", e.Message);
    }

    [Fact]
    public async Task Garbage_slow_oversized_and_idle_clients_are_dropped_and_a_normal_request_is_still_answered()
    {
        var port = Ports.Free();
        await using var server = await FalcoWebServer.StartAsync(Config(port), () => Metrics, limits: Short);

        var idle = new List<TcpClient>();
        for (var i = 0; i < 100; i++)
        {
            idle.Add(await ConnectAsync(port));
        }
        using var garbage = await ConnectAsync(port);
        await garbage.GetStream().WriteAsync(RandomNumberGenerator.GetBytes(2000).Select(b => b == (byte)'\n' ? (byte)'x' : b).Concat("\r\n\r\n"u8.ToArray()).ToArray());
        using var oversized = await ConnectAsync(port);
        await oversized.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: {new string('a', 16 * 1024)}\r\n\r\n"));
        using var slow = await ConnectAsync(port);
        using var stopSlow = new CancellationTokenSource();
        var slowWriter = SendSlowlyAsync(slow, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + new string('s', 1000), stopSlow.Token);

        // A normal request is answered while all of them hold their connections.
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) })
        {
            using var answer = await http.GetAsync($"http://127.0.0.1:{port}/healthz");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        // Garbage is refused with 400 and oversized headers with 431, then closed.
        Assert.StartsWith("HTTP/1.1 400", await ReadUntilClosedAsync(garbage));
        Assert.StartsWith("HTTP/1.1 431", await ReadUntilClosedAsync(oversized));
        // The slow client is dropped when its headers are not complete in time, the idle ones when idle too long.
        await ReadUntilClosedAsync(slow);
        await stopSlow.CancelAsync();
        await slowWriter;
        foreach (var client in idle)
        {
            Assert.Equal("", await ReadUntilClosedAsync(client));
            client.Dispose();
        }
    }

    [Fact]
    public async Task Threadiness_listen_address_and_ssl_keys_are_read_as_falcos()
    {
        var config = FalcoConfigurationLoader.LoadText("""
            webserver:
              enabled: true
              threadiness: 3
              listen_port: 8766
              listen_address: 127.0.0.1
              k8s_healthz_endpoint: /healthz
              ssl_enabled: true
              ssl_certificate: /etc/falco/other.pem
            """, "falco.yaml", _folder, []);
        Assert.Equal(3, config.Webserver.Threadiness);
        Assert.Equal("127.0.0.1", config.Webserver.ListenAddress);
        Assert.True(config.Webserver.SslEnabled);
        Assert.Equal("/etc/falco/other.pem", config.Webserver.SslCertificate);

        var defaults = FalcoConfigurationLoader.LoadText("", "falco.yaml", _folder, []).Webserver;
        Assert.Equal(("0.0.0.0", false, "/etc/falco/falco.pem", 0), (defaults.ListenAddress, defaults.SslEnabled, defaults.SslCertificate, defaults.Threadiness));

        var e = Assert.Throws<ConfigurationException>(() => FalcoConfigurationLoader.LoadText("webserver:\n  threadiness: -1\n", "falco.yaml", _folder, []));
        Assert.Contains("threadiness", e.Message);
    }

    private static async Task<TcpClient> ConnectAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        return client;
    }

    /// <summary>One byte every 200 ms, as slowloris sends, until the server closes the connection or the test stops it.</summary>
    private static async Task SendSlowlyAsync(TcpClient client, string text, CancellationToken stop)
    {
        try
        {
            foreach (var b in Encoding.ASCII.GetBytes(text))
            {
                await client.GetStream().WriteAsync(new[] { b }, stop);
                await Task.Delay(200, stop);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Dropped by the server, or the test is done.
        }
    }

    /// <summary>What the server sends until it closes the connection (fails the test if it keeps it open for 60 s).</summary>
    private static async Task<string> ReadUntilClosedAsync(TcpClient client)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await client.GetStream().ReadAsync(buffer, deadline.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // Reset by the server: closed too.
        }
        catch (OperationCanceledException)
        {
            Assert.Fail("the server kept the connection open for 60 s");
        }
        return Encoding.ASCII.GetString(received.ToArray());
    }
}
