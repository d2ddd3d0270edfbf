using System.Text.RegularExpressions;
using Akka.Event;

namespace Falco.Actors.Engine.Hosting;

/// <summary>
/// Remoting's TLS failures, once per peer and reason. Akka.Remote logs every failed handshake as an error of two or
/// three multi-line records, and a refused node retries every few seconds: this turns them into one warning line
/// naming the peer and why it was refused (the certificate check's own line, <see cref="Cluster.PeerCertificateValidator"/>,
/// or the handshake's failure, e.g. a node that speaks no TLS), and drops the repeats. Inbound peers connect from a
/// new port each time, so a peer is its host.
/// </summary>
internal sealed partial class RefusedPeerLog
{
    /// <summary>How <see cref="Cluster.PeerCertificateValidator"/> starts its line.</summary>
    public const string Prefix = "Refused remoting peer ";

    /// <summary>Akka.Remote's own warning, before the certificate check runs.</summary>
    private const string NoCertificate = "Mutual TLS required but client did not provide a certificate from ";

    private readonly HashSet<string> _logged = new(StringComparer.Ordinal);

    /// <summary>What to print for <paramref name="e"/>: itself, a refused-peer warning, or nothing (a repeat, or noise).</summary>
    public LogEvent? Filter(LogEvent e)
    {
        if (!IsTransport(e.LogSource))
        {
            return e;
        }
        var message = e.Message?.ToString() ?? "";
        if (message.StartsWith(Prefix, StringComparison.Ordinal))
        {
            var colon = message.IndexOf(": ", Prefix.Length, StringComparison.Ordinal);
            var (peer, why) = colon > 0 ? (Host(message[Prefix.Length..colon]), message[(colon + 2)..]) : ("", message);
            return Refused(e, peer, why);
        }
        if (message.StartsWith(NoCertificate, StringComparison.Ordinal))
        {
            return Refused(e, Host(message[NoCertificate.Length..].Trim()), "it presented no certificate");
        }
        if (message.StartsWith("Rejected incoming connection", StringComparison.Ordinal))
        {
            return null;
        }
        var handshake = message.StartsWith("TLS handshake failed", StringComparison.Ordinal) ||
            (message.StartsWith("Error caught channel", StringComparison.Ordinal) &&
             e.Cause is System.Security.Authentication.AuthenticationException or DotNetty.Handlers.Tls.NotSslRecordException or AggregateException);
        if (!handshake)
        {
            return e;
        }
        // The certificate check already said why it refused; the handshake's error only repeats it.
        var reason = Reason(message, e.Cause);
        if (reason is null || ChannelPeer().Match(message) is not { Success: true } match)
        {
            return null;
        }
        return Refused(e, match.Groups["host"].Value, reason);
    }

    /// <summary>One line for the first refusal of <paramref name="peer"/> for <paramref name="why"/>; null for a repeat.</summary>
    private LogEvent? Refused(LogEvent e, string peer, string why)
        => _logged.Add(peer + "\n" + why) ? new Warning(e.LogSource, e.LogClass, $"{Prefix}{peer}: {why}") : null;

    private static bool IsTransport(string source) =>
        source.StartsWith("TcpServerHandler", StringComparison.Ordinal) || source.StartsWith("TcpClientHandler", StringComparison.Ordinal) ||
        source.StartsWith("TcpTransport", StringComparison.Ordinal);

    private static string? Reason(string message, Exception? cause)
    {
        var text = cause?.ToString() ?? message;
        if (text.Contains("rejected by the provided RemoteCertificateValidationCallback", StringComparison.Ordinal))
        {
            return null;
        }
        if (text.Contains("NotSslRecordException", StringComparison.Ordinal))
        {
            return "it does not speak TLS (a node without engine_actors.cluster.tls, or not a node at all)";
        }
        var error = ErrorLine().Match(message);
        return "TLS handshake failed: " + (error.Success ? error.Groups["error"].Value.Trim() : cause?.Message ?? "unknown reason");
    }

    /// <summary>The remote end of <c>[[local]:port-&gt;[remote]:port]</c>.</summary>
    [GeneratedRegex(@"->\[(?<host>[^\]]*)\]:\d+")]
    private static partial Regex ChannelPeer();

    [GeneratedRegex(@"^\s*Error: (?<error>.*)$", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();

    /// <summary><c>[::ffff:127.0.0.1]:44356</c> → <c>::ffff:127.0.0.1</c>; an outbound <c>ssl.tcp://system@host:port</c> stays.</summary>
    private static string Host(string peer) =>
        peer.StartsWith('[') && peer.IndexOf(']') is > 0 and var end ? peer[1..end] : peer;
}
