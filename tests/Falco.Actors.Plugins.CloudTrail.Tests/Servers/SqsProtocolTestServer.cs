using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Falco.Actors.Plugins.CloudTrail.Tests.Servers;

/// <summary>
/// A PROTOCOL-LEVEL SQS TEST SERVER, because no SQS server can be installed on this machine: an HttpListener on a
/// free 127.0.0.1 port that speaks the AWS JSON 1.0 protocol AWSSDK.SQS 4.x uses (<c>POST /</c>,
/// <c>X-Amz-Target: AmazonSQS.&lt;Action&gt;</c>, JSON bodies) for the three actions the plugin calls:
/// GetQueueUrl, ReceiveMessage (with MD5OfBody, which the SDK checks) and DeleteMessage. Signatures are not
/// checked. Each message is handed out once; deletions and requests are recorded for the tests.
/// </summary>
public sealed class SqsProtocolTestServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _queues = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private int _handles;

    public SqsProtocolTestServer()
    {
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>Receipt handles of deleted messages, in order.</summary>
    public ConcurrentQueue<string> Deleted { get; } = new();

    /// <summary>Every request as (action, JSON body).</summary>
    public ConcurrentQueue<(string Action, JsonObject Body)> Requests { get; } = new();

    public void CreateQueue(string name) => _queues.TryAdd(name, new ConcurrentQueue<string>());

    public void Send(string queue, string body) => _queues[queue].Enqueue(body);

    public string QueueUrl(string name) => $"{Url}/111122223333/{name}";

    private async Task ServeAsync()
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
            try
            {
                Handle(context);
            }
            catch (Exception e)
            {
                Reply(context, 500, new JsonObject { ["__type"] = "com.amazonaws.sqs#InternalError", ["message"] = e.Message });
            }
        }
    }

    private void Handle(HttpListenerContext context)
    {
        var target = context.Request.Headers["X-Amz-Target"] ?? "";
        var action = target.StartsWith("AmazonSQS.", StringComparison.Ordinal) ? target["AmazonSQS.".Length..] : target;
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = JsonNode.Parse(reader.ReadToEnd()) as JsonObject ?? [];
        Requests.Enqueue((action, body));
        switch (action)
        {
            case "GetQueueUrl":
                var name = (string?)body["QueueName"] ?? "";
                if (!_queues.ContainsKey(name))
                {
                    Error(context, "com.amazonaws.sqs#QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue",
                        "The specified queue does not exist.");
                    return;
                }
                Reply(context, 200, new JsonObject { ["QueueUrl"] = QueueUrl(name) });
                return;
            case "ReceiveMessage":
                var queue = QueueOf((string?)body["QueueUrl"]);
                var max = (int?)body["MaxNumberOfMessages"] ?? 1;
                var messages = new JsonArray();
                while (queue is not null && messages.Count < max && queue.TryDequeue(out var message))
                {
                    messages.Add(new JsonObject
                    {
                        ["MessageId"] = Guid.NewGuid().ToString(),
                        ["ReceiptHandle"] = $"handle-{Interlocked.Increment(ref _handles)}",
                        ["Body"] = message,
                        ["MD5OfBody"] = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(message))),
                    });
                }
                // Like SQS, an empty receive has no Messages member at all.
                Reply(context, 200, messages.Count == 0 ? [] : new JsonObject { ["Messages"] = messages });
                return;
            case "DeleteMessage":
                Deleted.Enqueue((string?)body["ReceiptHandle"] ?? "");
                Reply(context, 200, []);
                return;
            default:
                Error(context, "com.amazonaws.sqs#InvalidAction", "AWS.SimpleQueueService.InvalidAction", $"unsupported action {action}");
                return;
        }
    }

    private ConcurrentQueue<string>? QueueOf(string? url) =>
        url is not null && _queues.TryGetValue(url[(url.LastIndexOf('/') + 1)..], out var q) ? q : null;

    private static void Error(HttpListenerContext context, string type, string queryError, string message)
    {
        context.Response.Headers["x-amzn-query-error"] = queryError + ";Sender";
        Reply(context, 400, new JsonObject { ["__type"] = type, ["message"] = message });
    }

    private static void Reply(HttpListenerContext context, int status, JsonObject body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.0";
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        context.Response.ContentLength64 = bytes.Length;
        context.Response.OutputStream.Write(bytes);
        context.Response.Close();
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
