using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using Amazon.SQS.Model;
using Falco.Actors.Plugins.CloudTrail.Config;

namespace Falco.Actors.Plugins.CloudTrail.Sources;

/// <summary>
/// Log files announced on an SQS queue: each message is an SNS notification whose <c>Message</c> is CloudTrail's
/// <c>{"s3Bucket": "...", "s3ObjectKey": ["..."]}</c> or, with <c>useS3SNS</c>, an S3 event notification
/// (<c>Records[].s3.bucket.name</c>/<c>.object.key</c>; also accepted delivered straight to SQS without the SNS
/// envelope, which Falco's plugin refuses — issue #381). The files are then downloaded from S3. Receives one
/// message at a time (long polling <c>sqsWaitTimeSeconds</c>), deletes it when <c>sqsDelete</c>, and never ends:
/// with nothing to read it answers <see cref="FetchStatus.NoFileNow"/>.
/// </summary>
public sealed class SqsLogFileSource : ILogFileSource
{
    private readonly IAmazonSQS _sqs;
    private readonly IAmazonS3 _s3;
    private readonly CloudTrailConfig _config;
    private readonly S3Downloader _downloader;

    private SqsLogFileSource(IAmazonSQS sqs, IAmazonS3 s3, CloudTrailConfig config, string queueUrl)
    {
        _sqs = sqs;
        _s3 = s3;
        _config = config;
        QueueUrl = queueUrl;
        _downloader = new S3Downloader(s3, config.S3DownloadConcurrency);
    }

    public string QueueUrl { get; }

    /// <summary>Resolves the queue's URL (GetQueueUrl, with <c>sqsOwnerAccount</c> when set).</summary>
    public static SqsLogFileSource Open(IAmazonSQS sqs, IAmazonS3 s3, CloudTrailConfig config, string queueName)
    {
        var request = new GetQueueUrlRequest { QueueName = queueName };
        if (config.SqsOwnerAccount.Length > 0)
        {
            request.QueueOwnerAWSAccountId = config.SqsOwnerAccount;
        }
        try
        {
            var url = sqs.GetQueueUrlAsync(request).GetAwaiter().GetResult().QueueUrl;
            return new SqsLogFileSource(sqs, s3, config, url);
        }
        catch (AmazonServiceException e)
        {
            throw S3Errors.Wrap(e);
        }
    }

    public int TotalFiles { get; private set; }

    public int FilesStarted { get; private set; }

    public bool IsLive => true;

    public FetchStatus Next(out LogFile? file, CancellationToken cancel = default)
    {
        if (_downloader.Queued == 0)
        {
            ReceiveOne(cancel);
        }
        file = _downloader.Next(cancel);
        if (file is null)
        {
            return FetchStatus.NoFileNow;
        }
        FilesStarted++;
        return FetchStatus.File;
    }

    private void ReceiveOne(CancellationToken cancel)
    {
        ReceiveMessageResponse response;
        try
        {
            response = _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = QueueUrl,
                MaxNumberOfMessages = 1,
                WaitTimeSeconds = _config.SqsWaitTimeSeconds,
                MessageAttributeNames = ["All"],
            }, cancel).GetAwaiter().GetResult();
        }
        catch (AmazonServiceException e)
        {
            throw S3Errors.Wrap(e);
        }
        // SDK v4 leaves collections null when the reply has none.
        if (response.Messages is not { Count: > 0 } messages)
        {
            return;
        }
        var message = messages[0];
        if (_config.SqsDelete)
        {
            try
            {
                _sqs.DeleteMessageAsync(QueueUrl, message.ReceiptHandle, cancel).GetAwaiter().GetResult();
            }
            catch (AmazonServiceException e)
            {
                throw S3Errors.Wrap(e);
            }
        }
        foreach (var (bucket, key) in SqsNotification.Files(message.Body, _config.UseS3SNS))
        {
            _downloader.Enqueue(bucket, key);
            TotalFiles++;
        }
    }

    public void Dispose()
    {
        _downloader.Dispose();
        _sqs.Dispose();
        _s3.Dispose();
    }
}

/// <summary>Reads the S3 objects an SQS message announces.</summary>
public static class SqsNotification
{
    /// <summary>(bucket, key) pairs; errors use the Go plugin's messages.</summary>
    public static List<(string Bucket, string Key)> Files(string body, bool useS3Sns)
    {
        List<(string, string)> files = [];
        try
        {
            using var envelope = JsonDocument.Parse(body);
            var root = envelope.RootElement;
            string? inner;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Type", out var type))
            {
                if (type.ValueKind != JsonValueKind.String || type.GetString() != "Notification")
                {
                    throw new CloudTrailException("received SQS message that was not a SNS Notification");
                }
                inner = root.TryGetProperty("Message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                if (inner is null)
                {
                    throw new CloudTrailException("failed to parse SQS message contents: the SNS notification has no Message");
                }
            }
            else if (useS3Sns && root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Records", out _))
            {
                inner = body;
            }
            else
            {
                throw new CloudTrailException("received SQS message that was not a SNS Notification");
            }
            using var message = JsonDocument.Parse(inner);
            var doc = message.RootElement;
            if (useS3Sns)
            {
                if (doc.TryGetProperty("Records", out var records) && records.ValueKind == JsonValueKind.Array)
                {
                    foreach (var record in records.EnumerateArray())
                    {
                        if (record.TryGetProperty("s3", out var s3)
                            && s3.TryGetProperty("bucket", out var b) && b.TryGetProperty("name", out var name)
                            && s3.TryGetProperty("object", out var o) && o.TryGetProperty("key", out var key))
                        {
                            // S3 event notifications URL-encode keys (spaces as '+').
                            files.Add((name.GetString() ?? "", Uri.UnescapeDataString((key.GetString() ?? "").Replace('+', ' '))));
                        }
                    }
                }
            }
            else if (doc.TryGetProperty("s3Bucket", out var bucket) && doc.TryGetProperty("s3ObjectKey", out var keys)
                     && keys.ValueKind == JsonValueKind.Array)
            {
                foreach (var key in keys.EnumerateArray())
                {
                    files.Add((bucket.GetString() ?? "", key.GetString() ?? ""));
                }
            }
        }
        catch (JsonException e)
        {
            throw new CloudTrailException($"failed to parse SQS message contents: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new CloudTrailException($"failed to parse SQS message contents: {e.Message}", e);
        }
        return files;
    }
}
