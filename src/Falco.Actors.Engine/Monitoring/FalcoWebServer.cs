using System.Net;
using Falco.Actors.Engine.Configuration;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace Falco.Actors.Engine.Monitoring;

/// <summary>
/// Falco's <c>webserver</c>: <c>GET &lt;k8s_healthz_endpoint&gt;</c> answers <c>{"status": "ok"}</c> as Falco does (with
/// <c>"warnings": [...]</c> when the run has some, e.g. an insecure cluster), and
/// <c>GET /versions</c> the JSON of <see cref="VersionsInfo"/>, and, as in Falco only when <c>metrics.enabled</c> and
/// <c>webserver.prometheus_metrics_enabled</c> are both true, <c>GET /metrics</c> the Prometheus text of
/// <see cref="EngineMetrics"/> (else 404). Kestrel, bound only to
/// <c>listen_address:listen_port</c>, with nothing else (no configuration from the environment, no logging), HTTP/1.1
/// only, over TLS with <c>ssl_certificate</c> when <c>ssl_enabled</c>, within <see cref="WebServerLimits"/>, and at
/// most <c>threadiness</c> requests served at once. It runs on the thread pool, off the event path: a bad or slow
/// client costs a connection, never an event.
/// </summary>
public sealed class FalcoWebServer : IAsyncDisposable
{
    public const string MetricsPath = "/metrics";

    public const string VersionsPath = "/versions";

    private const string HealthyBody = """{"status": "ok"}""";

    private readonly WebApplication _app;
    private int _stopped;

    private FalcoWebServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where it listens (<c>http://address:port/</c>; the real port when listen_port was 0).</summary>
    public Uri Address { get; }

    /// <summary>Starts listening; throws <see cref="WebServerException"/> when it cannot (Falco's wording, then the cause).</summary>
    /// <param name="metrics">Renders the /metrics page, called once per scrape; null: /metrics is not served (404).</param>
    /// <param name="warnings">Shown by /healthz next to its status.</param>
    /// <param name="limits">What a client may take; <see cref="WebServerLimits"/>' defaults when null.</param>
    /// <param name="versions">The body of /versions (<see cref="VersionsInfo"/>); without plugins when null.</param>
    public static async Task<FalcoWebServer> StartAsync(WebserverConfig config, Func<string>? metrics, IReadOnlyList<string>? warnings = null,
        CancellationToken cancellationToken = default, WebServerLimits? limits = null, string? versions = null)
    {
        versions ??= VersionsInfo.Json([]);
        limits ??= new WebServerLimits();
        var healthy = warnings is not { Count: > 0 } ? HealthyBody
            : $$"""{"status": "ok", "warnings": {{System.Text.Json.JsonSerializer.Serialize(warnings)}}}""";
        var addresses = await ResolveAsync(config.ListenAddress, cancellationToken);
        var healthz = config.K8sHealthzEndpoint.StartsWith('/') ? config.K8sHealthzEndpoint : "/" + config.K8sHealthzEndpoint;
        var certificate = config.SslEnabled ? LoadCertificate(config.SslCertificate) : null;

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            Limit(kestrel.Limits, limits);
            foreach (var address in addresses)
            {
                kestrel.Listen(address, config.ListenPort, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1;
                    if (certificate is not null)
                    {
                        listen.UseHttps(new HttpsConnectionAdapterOptions
                        {
                            ServerCertificate = certificate,
                            HandshakeTimeout = limits.TlsHandshakeTimeout,
                        });
                    }
                });
            }
        });
        if (certificate is not null)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
        }
        var app = builder.Build();
        // threadiness: as many requests served at once as Falco's webserver has threads (0: one per processor).
        var serving = new SemaphoreSlim(config.Threadiness > 0 ? config.Threadiness : Environment.ProcessorCount);
        app.Run(async context =>
        {
            await serving.WaitAsync(context.RequestAborted);
            try
            {
                await Answer(context, healthz, healthy, versions, metrics);
            }
            finally
            {
                serving.Release();
            }
        });
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            await app.DisposeAsync();
            throw new WebServerException(
                $"an error occurred while starting webserver: cannot listen on {config.ListenAddress}:{config.ListenPort}: {Cause(e)}", e);
        }
        return new FalcoWebServer(app, BoundAddress(app, addresses[0], config.ListenPort));
    }

    private static void Limit(KestrelServerLimits kestrel, WebServerLimits limits)
    {
        kestrel.MaxConcurrentConnections = limits.MaxConnections;
        kestrel.MaxConcurrentUpgradedConnections = 0;
        kestrel.MaxRequestLineSize = limits.MaxRequestLineBytes;
        kestrel.MaxRequestHeadersTotalSize = limits.MaxHeaderBytes;
        kestrel.MaxRequestHeaderCount = limits.MaxHeaderCount;
        kestrel.MaxRequestBodySize = limits.MaxBodyBytes;
        kestrel.RequestHeadersTimeout = limits.HeadersTimeout;
        kestrel.KeepAliveTimeout = limits.IdleTimeout;
    }

    /// <summary>ssl_certificate: as Falco's, one PEM file with the certificate and its private key.</summary>
    private static X509Certificate2 LoadCertificate(string file)
    {
        if (!File.Exists(file))
        {
            throw new WebServerException($"an error occurred while starting webserver: webserver.ssl_certificate '{file}' does not exist (ssl_enabled is true)");
        }
        try
        {
            return X509Certificate2.CreateFromPemFile(file, file);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new WebServerException(
                $"an error occurred while starting webserver: webserver.ssl_certificate '{file}' must be one PEM file holding the certificate and its unencrypted private key: {e.Message}", e);
        }
    }

    /// <summary>Stops listening; requests in progress get a short grace period.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _app.StopAsync(grace.Token);
            await _app.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static Task Answer(HttpContext context, string healthz, string healthy, string versions, Func<string>? metrics)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Path.Value ?? "/";
        if (path != healthz && path != VersionsPath && (path != MetricsPath || metrics is null))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "GET, HEAD";
            return Task.CompletedTask;
        }
        if (path == healthz)
        {
            response.ContentType = "application/json";
            return response.WriteAsync(healthy);
        }
        if (path == VersionsPath)
        {
            response.ContentType = "application/json";
            return response.WriteAsync(versions);
        }
        response.ContentType = PrometheusText.ContentType;
        return response.WriteAsync(Redaction.Secrets.Redact(metrics!()));
    }

    /// <summary>listen_address: an IP address (0.0.0.0 and :: for every interface), or a host name to resolve.</summary>
    private static async Task<IPAddress[]> ResolveAsync(string listenAddress, CancellationToken cancellationToken)
    {
        var text = listenAddress.Trim().Trim('[', ']');
        if (IPAddress.TryParse(text, out var ip))
        {
            return [ip];
        }
        try
        {
            var found = await Dns.GetHostAddressesAsync(text, cancellationToken);
            if (found.Length > 0)
            {
                return [.. found.Distinct()];
            }
        }
        catch (System.Net.Sockets.SocketException)
        {
            // reported below
        }
        throw new WebServerException($"an error occurred while starting webserver: webserver.listen_address '{listenAddress}' is not an IP address nor a host name that resolves");
    }

    private static Uri BoundAddress(WebApplication app, IPAddress first, int configuredPort)
    {
        var bound = app.Urls.FirstOrDefault();
        if (bound is not null)
        {
            return new Uri(bound.EndsWith('/') ? bound : bound + "/");
        }
        var host = first.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{first}]" : first.ToString();
        return new Uri($"http://{host}:{configuredPort}/");
    }

    private static string Cause(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }
        return inner.Message;
    }
}
