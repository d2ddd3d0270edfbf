using Falco.Actors.Plugins.CloudTrail.Config;

namespace Falco.Actors.Plugins.CloudTrail.Sources;

/// <summary>
/// Opens the log-file source an open parameter names: <c>s3://bucket[/prefix]</c>, <c>sqs://queue</c>, or a
/// local file or directory. Falco passes the parameter trimmed.
/// </summary>
public static class CloudTrailOpenParams
{
    public static ILogFileSource Open(string parameters, CloudTrailConfig config, AwsClients? clients = null)
    {
        var text = parameters.Trim();
        clients ??= new AwsClients(config);
        if (text.StartsWith("s3://", StringComparison.Ordinal))
        {
            return OpenS3(text["s3://".Length..], config, clients);
        }
        if (text.StartsWith("sqs://", StringComparison.Ordinal))
        {
            if (config.S3DownloadConcurrency < 1)
            {
                throw new CloudTrailException("cloudtrail invalid S3DownloadConcurrency");
            }
            return SqsLogFileSource.Open(clients.CreateSqs(), clients.CreateS3(), config, text["sqs://".Length..]);
        }
        return LocalLogFileSource.Open(text);
    }

    private static S3LogFileSource OpenS3(string location, CloudTrailConfig config, AwsClients clients)
    {
        if (config.S3DownloadConcurrency < 1)
        {
            throw new CloudTrailException("cloudtrail invalid S3DownloadConcurrency");
        }
        var slash = location.IndexOf('/');
        var bucket = slash < 0 ? location : location[..slash];
        var prefix = slash < 0 ? "" : location[(slash + 1)..];
        var interval = config.S3Interval.Length > 0 ? S3Interval.Parse(config.S3Interval, DateTime.UtcNow) : null;
        var s3 = clients.CreateS3();
        try
        {
            var keys = new S3LogLister(s3, bucket, config, interval).ListAsync(prefix).GetAwaiter().GetResult();
            return new S3LogFileSource(s3, bucket, keys, config.S3DownloadConcurrency);
        }
        catch
        {
            s3.Dispose();
            throw;
        }
    }
}
