using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Falco.Actors.Engine.Cluster;
using Falco.Actors.Engine.Configuration;

namespace Falco.Actors.Tests.Shared;

/// <summary>
/// A throwaway cluster CA and node certificates for the cluster tests (in-process and as processes), made once per
/// test run with .NET's CertificateRequest (ECDSA P-256: milliseconds) and written as PEM files to a temporary folder
/// deleted at exit. <see cref="Cluster"/> is the CA every test node trusts; <see cref="Other"/> an unrelated one,
/// whose node must be refused. Also compiled into Falco.Actors.Cli.Tests.
/// </summary>
internal sealed class TestCertificates
{
    private static readonly Lazy<TestCertificates> ClusterCa = new(() => new TestCertificates("cluster"));
    private static readonly Lazy<TestCertificates> OtherCa = new(() => new TestCertificates("other"));

    private TestCertificates(string name)
    {
        Folder = Directory.CreateTempSubdirectory($"falco-actors-{name}-ca-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(Folder, recursive: true);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN=falco-actors {name} test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));
        Ca = Write("ca.pem", ca.ExportCertificatePem());

        using var nodeKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}-node", nodeKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var node = request.Create(ca, now.AddDays(-1), now.AddDays(7), RandomNumberGenerator.GetBytes(8));
        Certificate = Write("node.pem", node.ExportCertificatePem());
        Key = Write("node.key", nodeKey.ExportPkcs8PrivateKeyPem());
        using var withKey = node.CopyWithPrivateKey(nodeKey);
        File.WriteAllBytes(Pfx = Path.Combine(Folder, "node.pfx"), withKey.Export(X509ContentType.Pfx, PfxPassword));
    }

    /// <summary>The CA of the cluster under test.</summary>
    public static TestCertificates Cluster => ClusterCa.Value;

    /// <summary>Another CA: its node is not the cluster's.</summary>
    public static TestCertificates Other => OtherCa.Value;

    public const string PfxPassword = "pfx-s3cret-of-the-test";

    public string Folder { get; }

    public string Ca { get; }

    /// <summary>The node's certificate (PEM), signed by <see cref="Ca"/>; every test node presents it.</summary>
    public string Certificate { get; }

    public string Key { get; }

    /// <summary>The node's certificate and key as PKCS#12, encrypted with <see cref="PfxPassword"/>.</summary>
    public string Pfx { get; }

    public ClusterTlsConfig Config => new(Certificate, Key, Ca, "", Insecure: false);

    /// <summary>The node's TLS, loaded (once) as a node loads engine_actors.cluster.tls.</summary>
    public NodeTls NodeTls => _nodeTls ??= NodeTls.Load(Config);

    private NodeTls? _nodeTls;

    /// <summary>The FALCO_ACTORS_TLS_* variables of a node that presents this certificate.</summary>
    public Dictionary<string, string?> Environment() => new()
    {
        [ClusterNode.TlsCertificateVariable] = Certificate,
        [ClusterNode.TlsKeyVariable] = Key,
        [ClusterNode.TlsCaVariable] = Ca,
    };

    private string Write(string name, string pem)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, pem);
        return path;
    }
}
