using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Falco.Actors.Tests.Shared;

namespace Falco.Actors.Cli.Tests;

/// <summary>
/// A single node is a cluster of one, so Akka remoting listens on a random port of 127.0.0.1. Another process (here:
/// the test, as another local user would) finds that port in /proc and tries it: plain bytes, and TLS with a
/// certificate of its own. The node's remoting trusts only the certificate it made in memory at start, so neither
/// gets an answer, the node logs the refusal and runs on.
/// </summary>
public sealed class SingleNodeRemotingTests : IDisposable
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Another_process_cannot_talk_to_a_single_nodes_remoting_port()
    {
        // A source that runs long enough to be probed (then killed).
        var config = CounterSetup.Write(_folder, count: 10_000_000, dwellMicroseconds: 1000);
        using var node = FalcoActorsProcess.Start("single node", _folder.Path, new Dictionary<string, string?>(), "-c", config);
        var port = await RemotingPortAsync(node);

        await using (var plain = await ConnectAsync(port))
        {
            // An Akka.Remote frame header (length 51), then bytes: not a TLS record.
            await plain.WriteAsync(new byte[] { 0, 0, 0, 51, 10, 34, 10, 12, 102, 97, 108, 99, 111 });
            Assert.True(await ClosedWithoutAnswerAsync(plain), "the node answered a plain connection");
        }

        using var foreign = X509Certificate2.CreateFromPemFile(TestCertificates.Cluster.Certificate, TestCertificates.Cluster.Key);
        Assert.True(await TlsRefusedAsync(port, foreign), "the node accepted a certificate it did not make");
        Assert.True(await TlsRefusedAsync(port, clientCertificate: null), "the node accepted a client without a certificate");

        Assert.True(await node.WaitForStderrAsync(s => s.Contains("is not signed by the cluster CA") && s.Contains("it presented no certificate"), Startup),
            $"the refusals were not logged\n{node.Describe()}");
        Assert.False(node.HasExited, $"the node stopped\n{node.Describe()}");
    }

    /// <summary>A TLS client (accepting any server certificate) gets no application data through.</summary>
    private static async Task<bool> TlsRefusedAsync(int port, X509Certificate2? clientCertificate)
    {
        await using var tls = new SslStream(await ConnectAsync(port), false, (_, _, _, _) => true);
        var handshake = await Record.ExceptionAsync(() => tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "127.0.0.1",
            ClientCertificates = clientCertificate is null ? null : [clientCertificate],
        }));
        if (handshake is not null)
        {
            return handshake is AuthenticationException or IOException;
        }
        // TLS 1.3 ends the client's handshake before the server has checked the client's certificate: the refusal
        // then comes as an alert on the first read.
        await tls.WriteAsync(new byte[] { 0, 0, 0, 4, 1, 2, 3, 4 });
        return await ClosedWithoutAnswerAsync(tls);
    }

    private static async Task<NetworkStream> ConnectAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        return client.GetStream();
    }

    /// <summary>The peer closes (or resets) the connection without sending a byte of application data.</summary>
    private static async Task<bool> ClosedWithoutAnswerAsync(Stream stream)
    {
        var buffer = new byte[256];
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            return await stream.ReadAsync(buffer, timeout.Token) == 0;
        }
        catch (Exception e) when (e is IOException or AuthenticationException or ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>The TCP port the process listens on (webserver off: remoting is its only listener), from /proc.</summary>
    private static async Task<int> RemotingPortAsync(FalcoActorsProcess node)
    {
        for (var waited = TimeSpan.Zero; waited < Startup && !node.HasExited; waited += TimeSpan.FromMilliseconds(200))
        {
            var ports = ListeningPorts(node.Pid);
            if (ports.Count > 0)
            {
                return Assert.Single(ports);
            }
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException($"the node listened on no port\n{node.Describe()}");
    }

    private static List<int> ListeningPorts(int pid)
    {
        var inodes = new HashSet<string>();
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal))
                {
                    inodes.Add(target["socket:[".Length..^1]);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
        // /proc/net/tcp*: "sl local_address rem_address st ... inode"; st 0A is LISTEN, the port is hex after the colon.
        return
        [
            .. new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists).SelectMany(File.ReadLines).Skip(1)
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(f => f.Length > 9 && f[3] == "0A" && inodes.Contains(f[9]))
                .Select(f => int.Parse(f[1][(f[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber))
                .Distinct(),
        ];
    }
}
