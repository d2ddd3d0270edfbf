using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Falco.Actors.Engine.Configuration;

namespace Falco.Actors.Engine.Cluster;

/// <summary>
/// What a node's remoting TLS is made of: the certificate it presents (with its private key) and the authorities a
/// peer's certificate must chain to. A cluster's comes from <c>engine_actors.cluster.tls</c>; a single node makes an
/// ephemeral self-signed one at start that is its own and only authority, so no other process can complete a
/// handshake with its remoting port.
/// </summary>
public sealed class NodeTls
{
    private NodeTls(X509Certificate2 certificate, X509Certificate2Collection authorities, bool ephemeral)
    {
        Certificate = certificate;
        Authorities = authorities;
        Ephemeral = ephemeral;
    }

    /// <summary>The certificate this node presents, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The only trust roots of a peer's chain (never the system store).</summary>
    public X509Certificate2Collection Authorities { get; }

    /// <summary>Made in memory for this process only (a single node).</summary>
    public bool Ephemeral { get; }

    /// <summary>
    /// A self-signed ECDSA P-256 certificate made in memory (an ECDSA key is quick to make, an RSA one is not), for
    /// server and client authentication: the node trusts it alone. Its key never leaves the process, so it may outlive
    /// any run (a run of months must not see it expire).
    /// </summary>
    public static NodeTls CreateEphemeral()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=falco-actors-single-node", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
        return new NodeTls(certificate, [X509CertificateLoader.LoadCertificate(certificate.RawData)], ephemeral: true);
    }

    /// <summary>
    /// Loads <c>engine_actors.cluster.tls</c>: a PEM <c>certificate</c> and <c>key</c> (the key encrypted when a
    /// <c>password</c> is given), or a PKCS#12 <c>certificate</c> (no <c>key</c>) and its <c>password</c>; and the
    /// PEM <c>ca</c>. The node's own certificate must chain to that CA, so a mistake shows at start, not as a node
    /// that never joins. Errors name the setting and file, never the password.
    /// </summary>
    public static NodeTls Load(ClusterTlsConfig config)
    {
        if (config.Certificate.Length == 0 || config.Ca.Length == 0)
        {
            throw new ClusterTlsException(
                $"engine_actors.cluster.tls: a cluster needs 'certificate' and 'ca' (or {ClusterNode.TlsCertificateVariable} and " +
                $"{ClusterNode.TlsCaVariable}); missing: {string.Join(", ", Missing(config))}");
        }
        var authorities = LoadAuthorities(config.Ca);
        var certificate = LoadCertificate(config);
        if (!certificate.HasPrivateKey)
        {
            throw new ClusterTlsException($"engine_actors.cluster.tls.certificate: {config.Certificate} has no private key (give 'key', or a PKCS#12 file with one)");
        }
        if (PeerCertificateValidator.ChainError(certificate, null, authorities) is { } error)
        {
            throw new ClusterTlsException(
                $"engine_actors.cluster.tls.certificate: {config.Certificate} is not signed by the cluster CA {config.Ca}: {error}");
        }
        return new NodeTls(certificate, authorities, ephemeral: false);
    }

    private static IEnumerable<string> Missing(ClusterTlsConfig config)
    {
        if (config.Certificate.Length == 0)
        {
            yield return "certificate";
        }
        if (config.Ca.Length == 0)
        {
            yield return "ca";
        }
    }

    private static X509Certificate2Collection LoadAuthorities(string path)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new ClusterTlsException($"engine_actors.cluster.tls.ca: cannot read {path}: {e.Message}", e);
        }
        return authorities.Count > 0
            ? authorities
            : throw new ClusterTlsException($"engine_actors.cluster.tls.ca: {path} holds no PEM certificate");
    }

    private static X509Certificate2 LoadCertificate(ClusterTlsConfig config)
    {
        var password = config.Password.Length > 0 ? config.Password : null;
        try
        {
            if (config.Key.Length == 0)
            {
                return IsPem(config.Certificate)
                    ? throw new ClusterTlsException(
                        $"engine_actors.cluster.tls: {config.Certificate} is a PEM certificate: give its private key as 'key'")
                    : X509CertificateLoader.LoadPkcs12FromFile(config.Certificate, password);
            }
            return password is null
                ? X509Certificate2.CreateFromPemFile(config.Certificate, config.Key)
                : X509Certificate2.CreateFromEncryptedPemFile(config.Certificate, password, config.Key);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            // The runtime's messages name no password; say which files, and what went wrong.
            var files = config.Key.Length == 0 ? config.Certificate : $"{config.Certificate} with key {config.Key}";
            throw new ClusterTlsException($"engine_actors.cluster.tls.certificate: cannot load {files}: {e.Message}", e);
        }
    }

    private static bool IsPem(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            var buffer = new char[64];
            var read = reader.Read(buffer, 0, buffer.Length);
            return new string(buffer, 0, read).Contains("-----BEGIN", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ClusterTlsException($"engine_actors.cluster.tls.certificate: cannot read {path}: {e.Message}", e);
        }
    }
}

/// <summary>The cluster's TLS settings are missing or wrong: the node does not start.</summary>
public sealed class ClusterTlsException(string message, Exception? inner = null) : Exception(message, inner);
