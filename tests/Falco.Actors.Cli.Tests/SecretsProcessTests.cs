using System.Text;
using Falco.Actors.Engine.Tests.Outputs;

namespace Falco.Actors.Cli.Tests;

/// <summary>
/// Secrets through the CLI as a process: the userinfo of <c>http_output.url</c> is sent as Basic credentials to a
/// real server on 127.0.0.1, and failing runs print none of the secrets of the URL, the init_config or the AWS
/// environment anywhere on stdout or stderr.
/// </summary>
public sealed class SecretsProcessTests : IDisposable
{
    private const string UrlPassword = "p@ss:W0rd-Url-Secret";
    private const string InitPassword = "Init-Secret-Passw0rd";
    private const string InitToken = "Init-Token-Value-42";
    private const string AwsKeyId = "AKIAIOSFODNN7EXAMPLE";
    private const string AwsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private const string AwsSession = "FwoGZXIvYXdzEXAMPLE-session-token-value";

    private static readonly Dictionary<string, string?> AwsEnvironment = new()
    {
        ["AWS_ACCESS_KEY_ID"] = AwsKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = AwsSecret,
        ["AWS_SESSION_TOKEN"] = AwsSession,
    };

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string UrlWithCredentials(string url) =>
        url.Replace("http://", $"http://alice:{Uri.EscapeDataString(UrlPassword)}@", StringComparison.Ordinal);

    private string Config(string url, string initConfig, int outputTimeoutMs = 500)
    {
        var path = CounterSetup.Write(_folder, count: 10, extra: $$"""
            http_output:
              enabled: true
              url: "{{url}}"
            output_timeout: {{outputTimeoutMs}}
            log_level: debug
            """);
        File.WriteAllText(path, File.ReadAllText(path)
            .Replace("init_config: {count: 10, batch: 10, dwell_us: 0}", $"init_config: {initConfig}", StringComparison.Ordinal));
        return path;
    }

    [Fact]
    public async Task The_userinfo_of_the_url_is_sent_as_basic_credentials_to_the_url_without_it()
    {
        await using var server = new HttpRecorder();
        // A generous timeout: a slow answer on a loaded machine would be sent again.
        var config = Config(UrlWithCredentials(server.Url), "{count: 10, batch: 10}", outputTimeoutMs: 30_000);

        using var run = FalcoActorsProcess.Start("run", _folder.Path, new Dictionary<string, string?>(), "-c", config);
        Assert.True(await run.WaitForExitAsync(TimeSpan.FromSeconds(60)), run.Describe());
        Assert.Equal(0, run.ExitCode);

        var requests = server.Requests.ToArray();
        Assert.Equal(5, requests.Length); // the even numbers of 1..10
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:" + UrlPassword));
        Assert.All(requests, r => Assert.Equal(expected, r.Authorization));
        Assert.DoesNotContain(UrlPassword, run.Stderr(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_run_and_plugin_info_print_no_secret()
    {
        var closedPort = FalcoActorsProcess.FreePort();
        // The counter plugin logs its whole init config; the session token comes from the environment (${...}).
        var config = Config(UrlWithCredentials($"http://127.0.0.1:{closedPort}/falco/"),
            $$"""{count: 10, batch: 10, password: "{{InitPassword}}", nested: {api_token: "{{InitToken}}"}, accessKeyID: "{{AwsKeyId}}", aws_secret_access_key: "{{AwsSecret}}", sessionToken: "${AWS_SESSION_TOKEN}"}""");

        using var run = FalcoActorsProcess.Start("run", _folder.Path, AwsEnvironment, "-c", config);
        Assert.True(await run.WaitForExitAsync(TimeSpan.FromSeconds(90)), run.Describe());
        using var info = FalcoActorsProcess.Start("plugin-info", _folder.Path, AwsEnvironment, "-c", config, "--plugin-info", "counter");
        Assert.True(await info.WaitForExitAsync(TimeSpan.FromSeconds(60)), info.Describe());
        // A configuration error quotes the URL it refuses.
        using var refused = FalcoActorsProcess.Start("refused", _folder.Path, AwsEnvironment, "-c", config,
            "-o", $"http_output.url=ftp://alice:{Uri.EscapeDataString(UrlPassword)}@127.0.0.1/");
        Assert.True(await refused.WaitForExitAsync(TimeSpan.FromSeconds(60)), refused.Describe());

        var output = string.Join("\n", [.. run.StdoutLines(), run.Stderr(), .. info.StdoutLines(), info.Stderr(), .. refused.StdoutLines(), refused.Stderr()]);
        // The paths that used to print the secrets did run: the failures of every alert, the plugin's info, the error.
        Assert.True(CountOf(run.Stderr(), $"POST http://127.0.0.1:{closedPort}/falco/ failed") >= 1, run.Describe()); // logged once per 10 s
        Assert.Contains("Error: http output lost 5 alert(s)", run.Stderr(), StringComparison.Ordinal);
        Assert.Contains("Suggested open params", string.Join("\n", info.StdoutLines()), StringComparison.Ordinal);
        Assert.Contains("expected an http:// or https:// URL, got 'ftp://***@127.0.0.1/'", refused.Stderr(), StringComparison.Ordinal);
        foreach (var secret in new[] { UrlPassword, Uri.EscapeDataString(UrlPassword), InitPassword, InitToken, AwsKeyId, AwsSecret, AwsSession })
        {
            Assert.False(output.Contains(secret, StringComparison.Ordinal), $"'{secret}' was printed:\n{output}");
        }
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
