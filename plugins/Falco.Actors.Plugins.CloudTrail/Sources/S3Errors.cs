using Amazon.Runtime;

namespace Falco.Actors.Plugins.CloudTrail.Sources;

/// <summary>AWS failures worded as the Go plugin words them.</summary>
internal static class S3Errors
{
    public static CloudTrailException Wrap(Exception e, string? what = null)
    {
        var detail = e is AmazonServiceException s && !string.IsNullOrEmpty(s.ErrorCode)
            ? $"{s.ErrorCode}: {s.Message}"
            : e.Message;
        return new CloudTrailException($"cloudtrail plugin error: {(what is null ? "" : what + ": ")}{detail}", e);
    }
}
