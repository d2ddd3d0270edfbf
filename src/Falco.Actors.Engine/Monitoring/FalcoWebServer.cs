using System.Net;
using Falco.Actors.Engine.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Falco.Actors.Engine.Monitoring;

/// <summary>
/// Falco's <c>webserver</c>: <c>GET &lt;k8s_healthz_endpoint&gt;</c> answers <c>{"status": "ok"}</c> as Falco does (with
/// <c>"warnings": [...]</c> when the run has some, e.g. an insecure cluster), and
/// <c>GET /metrics</c> the Prometheus text of <see cref="EngineMetrics"/>. Kestrel, bound only to
/// <c>listen_address:listen_port</c>, with nothing else (no configuration from the environment, no logging).
/// </summary>
public sealed class FalcoWebServer : IAsyncDisposable
{
    public const string MetricsPath = "/metrics";

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
    /// <param name="metrics">Renders the /metrics page; called once per scrape.</param>
    /// <param name="warnings">Shown by /healthz next to its status.</param>
    public static async Task<FalcoWebServer> StartAsync(WebserverConfig config, Func<string> metrics, IReadOnlyList<string>? warnings = null,
        CancellationToken cancellationToken = default)
    {
        var healthy = warnings is not { Count: > 0 } ? HealthyBody
            : $$"""{"status": "ok", "warnings": {{System.Text.Json.JsonSerializer.Serialize(warnings)}}}""";
        var addresses = await ResolveAsync(config.ListenAddress, cancellationToken);
        var healthz = config.K8sHealthzEndpoint.StartsWith('/') ? config.K8sHealthzEndpoint : "/" + config.K8sHealthzEndpoint;

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            foreach (var address in addresses)
            {
                kestrel.Listen(address, config.ListenPort);
            }
        });
        var app = builder.Build();
        app.Run(context => Answer(context, healthz, healthy, metrics));
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

    private static Task Answer(HttpContext context, string healthz, string healthy, Func<string> metrics)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Path.Value ?? "/";
        if (path != healthz && path != MetricsPath)
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
        response.ContentType = PrometheusText.ContentType;
        return response.WriteAsync(metrics());
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
