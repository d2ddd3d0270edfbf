namespace Falco.Actors.Plugins.CloudTrail;

/// <summary>A failure of the cloudtrail plugin (bad config, open params, S3/SQS errors), worded as Falco's plugin words it.</summary>
public sealed class CloudTrailException(string message, Exception? inner = null) : Exception(message, inner);
