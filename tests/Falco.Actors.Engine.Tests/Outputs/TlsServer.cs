using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Falco.Actors.Engine.Tests.Outputs;

/// <summary>
/// A minimal HTTPS/1.1 server on 127.0.0.1 (HttpListener cannot serve TLS on Linux): TLS from SslStream with a
/// certificate made in the test, one request per connection, answers 200 and records the body and the client
/// certificate.
/// </summary>
internal sealed class TlsServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _certificate;
    private readonly bool _requireClientCertificate;
    private readonly Task _loop;

    public TlsServer(X509Certificate2 certificate, bool requireClientCertificate = false)
    {
        _certificate = certificate;
        _requireClientCertificate = requireClientCertificate;
        _listener.Start();
        Url = $"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<string> Bodies { get; } = new();

    public ConcurrentQueue<string> ClientSubjects { get; } = new();

    /// <summary>A self-signed certificate (with its private key) for 127.0.0.1 and localhost.</summary>
    public static X509Certificate2 SelfSigned(string commonName, bool forServer)
    {
        // ECDSA: key generation is instant, where RSA takes seconds on a busy machine.
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(forServer ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    public static void WritePem(X509Certificate2 certificate, string certificateFile, string? keyFile = null)
    {
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        if (keyFile is not null)
        {
            File.WriteAllText(keyFile, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        }
    }

    private async Task LoopAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            await using var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = _certificate,
                ClientCertificateRequired = _requireClientCertificate,
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            });
            if (tls.RemoteCertificate is { } remote)
            {
                ClientSubjects.Enqueue(remote.Subject);
            }
            if (await ReadRequestBodyAsync(tls) is not { } body)
            {
                return;   // closed before a request: the client refused the certificate after the handshake
            }
            Bodies.Enqueue(body);
            await tls.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
            await tls.FlushAsync();
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
        {
            // The client refused our certificate: nothing recorded.
        }
    }

    private static async Task<string?> ReadRequestBodyAsync(Stream stream)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(received)) < 0)
        {
            var n = await stream.ReadAsync(buffer);
            if (n == 0)
            {
                return null;
            }
            received.AddRange(buffer.AsSpan(0, n));
        }
        var headers = Encoding.ASCII.GetString(received.ToArray(), 0, headerEnd);
        var length = headers.Split("\r\n")
            .Where(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(h => int.Parse(h["Content-Length:".Length..].Trim()))
            .FirstOrDefault();
        while (received.Count < headerEnd + 4 + length)
        {
            var n = await stream.ReadAsync(buffer);
            if (n == 0)
            {
                break;
            }
            received.AddRange(buffer.AsSpan(0, n));
        }
        return Encoding.UTF8.GetString(received.ToArray(), headerEnd + 4, length);
    }

    private static int IndexOfHeaderEnd(List<byte> bytes)
    {
        for (var i = 0; i + 3 < bytes.Count; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
            {
                return i;
            }
        }
        return -1;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _loop;
        _certificate.Dispose();
    }
}
