using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Falco.Actors.Engine.Configuration;

namespace Falco.Actors.Engine.Outputs.Sinks;

/// <summary>
/// The HTTP handler of <see cref="HttpSink"/> with <c>http_output</c>'s TLS options: <c>insecure</c> skips
/// server verification; <c>ca_cert</c>, <c>ca_bundle</c> (PEM files) and the certificates in <c>ca_path</c> are
/// trusted in addition to the system store; <c>mtls</c> presents <c>client_cert</c>/<c>client_key</c> (PEM);
/// <c>keep_alive</c> sets TCP keep-alive on the connection's socket, with curl's TCP_KEEPALIVE timings (first probe
/// after 60 s idle, then every 60 s).
/// </summary>
public static class HttpSinkHandler
{
    public static SocketsHttpHandler Create(HttpOutputConfig config)
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        // Like curl with OpenSSL: no revocation lookups and no fetching of missing intermediates, which would
        // stall every alert where the network is closed.
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
        {
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        if (config.KeepAlive)
        {
            handler.ConnectCallback = ConnectWithKeepAliveAsync;
        }
        if (config.Mtls)
        {
            handler.SslOptions.ClientCertificates = [LoadClientCertificate(config)];
        }
        var extraTrust = LoadExtraTrust(config);
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            config.Insecure || errors == SslPolicyErrors.None || IsTrustedBy(extraTrust, certificate, errors);
        return handler;
    }

    private static async ValueTask<Stream> ConnectWithKeepAliveAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 60);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 60);
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool IsTrustedBy(X509Certificate2Collection roots, X509Certificate? certificate, SslPolicyErrors errors)
    {
        // Only a chain problem can be cured by extra roots; a name mismatch or no certificate cannot.
        if (roots.Count == 0 || certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        using var server = new X509Certificate2(certificate);
        return chain.Build(server);
    }

    private static X509Certificate2 LoadClientCertificate(HttpOutputConfig config)
    {
        foreach (var file in new[] { config.ClientCert, config.ClientKey })
        {
            if (!File.Exists(file))
            {
                throw new AlertSinkException("http", $"mtls is on but '{file}' does not exist");
            }
        }
        try
        {
            return X509Certificate2.CreateFromPemFile(config.ClientCert, config.ClientKey);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new AlertSinkException("http", $"cannot load the client certificate '{config.ClientCert}' with key '{config.ClientKey}': {e.Message}", e);
        }
    }

    private static X509Certificate2Collection LoadExtraTrust(HttpOutputConfig config)
    {
        var roots = new X509Certificate2Collection();
        foreach (var (key, file) in new[] { ("ca_cert", config.CaCert), ("ca_bundle", config.CaBundle) })
        {
            if (file.Length == 0)
            {
                continue;
            }
            if (!File.Exists(file))
            {
                throw new AlertSinkException("http", $"{key} '{file}' does not exist");
            }
            Import(roots, file, key);
        }
        // ca_path defaults to /etc/falco/certs/, which need not exist.
        if (config.CaPath.Length > 0 && Directory.Exists(config.CaPath))
        {
            foreach (var file in Directory.EnumerateFiles(config.CaPath).Order())
            {
                if (Path.GetExtension(file) is ".pem" or ".crt" or ".cer")
                {
                    Import(roots, file, "ca_path");
                }
            }
        }
        return roots;
    }

    private static void Import(X509Certificate2Collection roots, string file, string key)
    {
        try
        {
            roots.ImportFromPemFile(file);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new AlertSinkException("http", $"{key} '{file}' is not a PEM certificate file: {e.Message}", e);
        }
    }
}
