using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.S3;
using Amazon.SQS;
using Falco.Actors.Plugins.CloudTrail.Config;

namespace Falco.Actors.Plugins.CloudTrail.Sources;

/// <summary>
/// Builds the S3 and SQS clients from the init config: the SDK's default credential and region chain unless
/// <c>aws.profile</c>/<c>aws.credentials</c>/<c>aws.region</c> override it, and <c>endpointUrl</c> (or <c>s3EndpointUrl</c>/<c>sqsEndpointUrl</c>) for an
/// S3/SQS-compatible endpoint (path-style S3 addressing, signing region from the config or the environment).
/// </summary>
public sealed class AwsClients(CloudTrailConfig config)
{
    public IAmazonS3 CreateS3()
    {
        var s3 = new AmazonS3Config();
        if (config.S3Endpoint.Length > 0)
        {
            s3.ServiceURL = config.S3Endpoint;
            s3.ForcePathStyle = true;
            s3.AuthenticationRegion = SigningRegion();
        }
        else if (config.AwsRegion.Length > 0)
        {
            s3.RegionEndpoint = RegionEndpoint.GetBySystemName(config.AwsRegion);
        }
        var credentials = Credentials();
        return credentials is null ? new AmazonS3Client(s3) : new AmazonS3Client(credentials, s3);
    }

    public IAmazonSQS CreateSqs()
    {
        var sqs = new AmazonSQSConfig();
        if (config.SqsEndpoint.Length > 0)
        {
            sqs.ServiceURL = config.SqsEndpoint;
            sqs.AuthenticationRegion = SigningRegion();
        }
        else if (config.AwsRegion.Length > 0)
        {
            sqs.RegionEndpoint = RegionEndpoint.GetBySystemName(config.AwsRegion);
        }
        var credentials = Credentials();
        return credentials is null ? new AmazonSQSClient(sqs) : new AmazonSQSClient(credentials, sqs);
    }

    private string SigningRegion() =>
        config.AwsRegion.Length > 0 ? config.AwsRegion
        : Environment.GetEnvironmentVariable("AWS_REGION") is { Length: > 0 } r ? r
        : Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") is { Length: > 0 } d ? d
        : "us-east-1";

    /// <summary>Credentials of a named profile or credentials file, or null for the SDK's default chain.</summary>
    private AWSCredentials? Credentials()
    {
        if (config.AwsProfile.Length == 0 && config.AwsCredentials.Length == 0)
        {
            return null;
        }
        var chain = config.AwsCredentials.Length > 0 ? new CredentialProfileStoreChain(config.AwsCredentials) : new CredentialProfileStoreChain();
        var profile = config.AwsProfile.Length > 0 ? config.AwsProfile
            : Environment.GetEnvironmentVariable("AWS_PROFILE") is { Length: > 0 } p ? p : "default";
        return chain.TryGetAWSCredentials(profile, out var credentials)
            ? credentials
            : throw new CloudTrailException($"cloudtrail plugin error: AWS profile '{profile}' not found"
                + (config.AwsCredentials.Length > 0 ? $" in {config.AwsCredentials}" : ""));
    }
}
