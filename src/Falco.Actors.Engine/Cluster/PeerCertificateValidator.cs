using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;
using Falco.Actors.Engine.Hosting;

namespace Falco.Actors.Engine.Cluster;

/// <summary>
/// Accepts a peer (both ways: mutual TLS) only when its certificate chains to this node's authorities, with the
/// system store out of the picture (CVE-2025-61778: any publicly trusted certificate would do otherwise). A refused
/// peer is logged with the reason (<see cref="RefusedPeerLog"/> prints it once per peer and reason).
/// </summary>
public sealed class PeerCertificateValidator(NodeTls tls)
{
    public CertificateValidationCallback Callback => Validate;

    private bool Validate(X509Certificate2? certificate, X509Chain? chain, string remotePeer, SslPolicyErrors errors, ILoggingAdapter log)
    {
        var error = certificate is null
            ? "it presented no certificate"
            : ChainError(certificate, chain, tls.Authorities) is { } chainError
                ? $"its certificate ({certificate.Subject}) is not signed by the cluster CA: {chainError}"
                : null;
        if (error is not null)
        {
            log.Warning("{0}{1}: {2}", RefusedPeerLog.Prefix, remotePeer, error);
        }
        return error is null;
    }

    /// <summary>Why <paramref name="certificate"/> does not chain to one of <paramref name="authorities"/>; null when it does.</summary>
    public static string? ChainError(X509Certificate2 certificate, X509Chain? presented, X509Certificate2Collection authorities)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        // A private CA publishes no revocation list; expiry and signatures are still checked.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // What the peer sent besides its own certificate (intermediates) may complete the chain; it is never trusted.
        if (presented is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        if (chain.Build(certificate))
        {
            return null;
        }
        var statuses = chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct();
        return string.Join("; ", statuses) is { Length: > 0 } text ? text : "the chain does not build";
    }
}
