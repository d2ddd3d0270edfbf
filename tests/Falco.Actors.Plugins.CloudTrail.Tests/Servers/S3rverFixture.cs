using System.Diagnostics;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Falco.Actors.Plugins.CloudTrail.Tests.Servers;

/// <summary>
/// A real S3-compatible server (npm's s3rver 3.7.1 from tests/servers, installed by <c>npm ci</c>) started on a
/// free 127.0.0.1 port for the test class, with a client to fill buckets. s3rver accepts only the access key
/// S3RVER/S3RVER; the plugin is given them through an <c>aws.credentials</c> file with a profile.
/// </summary>
public sealed class S3rverFixture : IDisposable
{
    private readonly Process _process;
    private readonly string _storage;

    public S3rverFixture()
    {
        var servers = FindServersDirectory();
        var bin = Path.Combine(servers, "node_modules", ".bin", "s3rver");
        if (!File.Exists(bin))
        {
            throw new InvalidOperationException($"s3rver is not installed: run 'npm ci' in {servers} ({bin} is missing)");
        }
        _storage = Directory.CreateTempSubdirectory("s3rver-").FullName;
        Port = FreePort.Next();
        var start = new ProcessStartInfo("node", [bin, "-d", _storage, "-a", "127.0.0.1", "-p", Port.ToString(), "--silent"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Pagination tokens are DES-encrypted by s3rver, which Node 20's OpenSSL refuses without the legacy provider.
        start.Environment["NODE_OPTIONS"] = "--openssl-legacy-provider";
        _process = Process.Start(start) ?? throw new InvalidOperationException("cannot start node");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilListening();
        Client = new AmazonS3Client(new BasicAWSCredentials("S3RVER", "S3RVER"),
            new AmazonS3Config { ServiceURL = Url, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        CredentialsFile = Path.Combine(_storage, "credentials");
        File.WriteAllText(CredentialsFile, "[s3rver]\naws_access_key_id = S3RVER\naws_secret_access_key = S3RVER\n");
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public IAmazonS3 Client { get; }

    /// <summary>A shared credentials file (outside s3rver's buckets) with the profile <c>s3rver</c>.</summary>
    public string CredentialsFile { get; }

    /// <summary>Init config pointing the plugin's S3 client at this server.</summary>
    public string Config(string extra = "") =>
        $"{{\"s3EndpointUrl\":\"{Url}\",\"aws\":{{\"profile\":\"s3rver\",\"credentials\":\"{CredentialsFile}\",\"region\":\"us-east-1\"}}{extra}}}";

    public void CreateBucket(string bucket) =>
        Client.PutBucketAsync(new PutBucketRequest { BucketName = bucket }).GetAwaiter().GetResult();

    public void Put(string bucket, string key, byte[] content) =>
        Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = new MemoryStream(content),
            // Over plain HTTP the SDK would send aws-chunked bodies, which s3rver stores framing and all.
            UseChunkEncoding = false,
        }).GetAwaiter().GetResult();

    private void WaitUntilListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"s3rver exited with code {_process.ExitCode}");
            }
            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        throw new InvalidOperationException($"s3rver did not listen on 127.0.0.1:{Port} within 30 s");
    }

    private static string FindServersDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "servers");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("tests/servers/package.json not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        Client.Dispose();
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        Directory.Delete(_storage, recursive: true);
    }
}
