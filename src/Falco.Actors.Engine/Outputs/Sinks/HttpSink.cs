using System.Net.Http.Headers;
using System.Text;
using Falco.Actors.Engine.Configuration;

namespace Falco.Actors.Engine.Outputs.Sinks;

/// <summary>
/// <c>http_output</c>: POSTs every alert to the URL, as Falco does for Falcosidekick: the body is the alert
/// (<c>Content-Type: application/json</c> when it is JSON, else <c>text/plain</c>), the User-Agent is
/// <c>user_agent</c>, and <c>echo</c> prints the server's answer. As Falco's libcurl handle, one connection is reused
/// from alert to alert; <c>keep_alive</c> turns on TCP keep-alive probes on it (curl's TCP_KEEPALIVE, see
/// <see cref="HttpSinkHandler"/>), and <c>compress_uploads</c> asks the server for a compressed answer
/// (<c>TE: gzip</c>, curl's TRANSFER_ENCODING): the body itself is never compressed, since Falcosidekick and other
/// receivers read it as it comes.
/// A status other than 2xx is a failure. Credentials in the URL (<c>https://user:password@host/</c>) are sent as
/// curl (and so Falco) sends them: a Basic <c>Authorization</c> header of the percent-decoded user and password, to
/// the URL without them; they never appear in a message (see <see cref="Redaction.Secrets"/>).
/// </summary>
public sealed class HttpSink : IAlertSink
{
    private readonly HttpOutputConfig _config;
    private readonly HttpClient _client;
    private readonly Uri _url;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly TextWriter? _echo;

    /// <param name="handler">The handler to send with; <see cref="HttpSinkHandler.Create"/> of <paramref name="config"/> when null.</param>
    /// <param name="echo">Where <c>echo</c> writes answers; standard output when null.</param>
    public HttpSink(HttpOutputConfig config, HttpMessageHandler? handler = null, TextWriter? echo = null)
    {
        _config = config;
        (_url, _authorization) = Credentials(new Uri(config.Url, UriKind.Absolute));
        _client = new HttpClient(handler ?? HttpSinkHandler.Create(config), disposeHandler: true)
        {
            // Each attempt's deadline comes from the caller's token (output_timeout).
            Timeout = Timeout.InfiniteTimeSpan,
        };
        // The process's standard output itself: Console.Out may have been sent to stderr (see the CLI's Program).
        _echo = config.Echo ? echo ?? StandardOutput() : null;
    }

    public string Name => "http";

    private static TextWriter StandardOutput() =>
        TextWriter.Synchronized(new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true });

    public async ValueTask WriteAsync(FormattedAlert alert, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = Body(alert) };
        request.Headers.TryAddWithoutValidation("User-Agent", _config.UserAgent);
        request.Headers.Authorization = _authorization;
        if (_config.CompressUploads)
        {
            request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("gzip"));
            request.Headers.Connection.Add("TE");
        }
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new AlertSinkException(Name, $"POST {_url} failed: {e.Message}", e);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new AlertSinkException(Name, $"POST {_url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            if (_echo is not null)
            {
                await _echo.WriteLineAsync(await response.Content.ReadAsStringAsync(cancellationToken));
            }
        }
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The URL without its userinfo, and the Basic credentials the userinfo gives (registered as secrets).</summary>
    private static (Uri Url, AuthenticationHeaderValue? Authorization) Credentials(Uri url)
    {
        if (url.UserInfo.Length == 0)
        {
            return (url, null);
        }
        var colon = url.UserInfo.IndexOf(':');
        var user = Uri.UnescapeDataString(colon < 0 ? url.UserInfo : url.UserInfo[..colon]);
        var password = colon < 0 ? "" : Uri.UnescapeDataString(url.UserInfo[(colon + 1)..]);
        Redaction.Secrets.RegisterUserInfo(url.OriginalString);
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        Redaction.Secrets.Register(token);
        return (new UriBuilder(url) { UserName = "", Password = "" }.Uri, new AuthenticationHeaderValue("Basic", token));
    }

    private static ByteArrayContent Body(FormattedAlert alert)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(alert.Payload));
        content.Headers.ContentType = new MediaTypeHeaderValue(alert.IsJson ? "application/json" : "text/plain");
        return content;
    }
}
