using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Falco.Actors.Engine.Tests.Outputs;

/// <summary>A real HTTP server on 127.0.0.1 that records every request and answers with the next planned status.</summary>
internal sealed class HttpRecorder : IAsyncDisposable
{
    public sealed record Request(string Method, string ContentType, string? ContentEncoding, string UserAgent, bool KeepAlive, byte[] Body,
        string? Authorization = null, string? Te = null, int RemotePort = 0);

    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<int> _statuses;
    private readonly Task _loop;
    private readonly TimeSpan _delay;

    /// <param name="statuses">Statuses for the first requests, in order; 200 after them.</param>
    /// <param name="delay">How long to wait before answering.</param>
    public HttpRecorder(IEnumerable<int>? statuses = null, TimeSpan delay = default, string answer = "")
    {
        _statuses = new ConcurrentQueue<int>(statuses ?? []);
        _delay = delay;
        Answer = answer;
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/falco/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public string Answer { get; }

    public ConcurrentQueue<Request> Requests { get; } = new();

    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);
        Requests.Enqueue(new Request(request.HttpMethod, request.ContentType ?? "", request.Headers["Content-Encoding"],
            request.UserAgent ?? "", request.KeepAlive, body.ToArray(), request.Headers["Authorization"], request.Headers["TE"],
            request.RemoteEndPoint.Port));
        if (_delay > TimeSpan.Zero)
        {
            await Task.Delay(_delay);
        }
        try
        {
            context.Response.StatusCode = _statuses.TryDequeue(out var status) ? status : 200;
            var bytes = System.Text.Encoding.UTF8.GetBytes(Answer);
            context.Response.ContentLength64 = bytes.Length; // a known length keeps the connection open for the next request
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // The client gave up (timeout tests).
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Close alone: Stop then Close makes the managed listener look the port up again.
        _listener.Close();
        await _loop;
    }
}
