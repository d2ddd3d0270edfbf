namespace Falco.Actors.Plugins.CloudTrail.Config;

/// <summary>The JSON schema of the init config (get_init_schema).</summary>
public static class CloudTrailInitSchema
{
    public const string Text = """
        {
          "$schema": "http://json-schema.org/draft-04/schema#",
          "type": "object",
          "properties": {
            "s3DownloadConcurrency": {
              "type": "integer",
              "minimum": 1,
              "description": "Controls the number of background goroutines used to download S3 files (Default: 32)"
            },
            "s3Interval": {
              "type": "string",
              "description": "Download log files over the specified interval (Default: no interval)"
            },
            "sqsDelete": {
              "type": "boolean",
              "description": "If true then the plugin will delete SQS messages from the queue immediately after receiving them (Default: true)"
            },
            "useAsync": {
              "type": "boolean",
              "description": "If true then async extraction optimization is enabled (Default: true)"
            },
            "useS3SNS": {
              "type": "boolean",
              "description": "If true then the plugin will expect SNS messages to originate from S3 instead of directly from Cloudtrail (Default: false)"
            },
            "s3AccountList": {
              "type": "string",
              "description": "If your organization uses a common bucket for multiple accounts, a comma-separated list of account IDs to read (Default: all accounts)"
            },
            "sqsOwnerAccount": {
              "type": "string",
              "description": "If your SQS queue is owned by another account, the account ID of the queue owner (Default: the caller's account)"
            },
            "aws": {
              "type": "object",
              "properties": {
                "profile": { "type": "string", "description": "If non-empty overrides the AWS shared configuration profile (e.g. 'default') and environment variables such as AWS_PROFILE (Default: empty)" },
                "region": { "type": "string", "description": "If non-empty overrides the AWS region specified in the profile (e.g. 'us-east-1') and environment variables such as AWS_REGION (Default: empty)" },
                "config": { "type": "string", "description": "If non-empty overrides the AWS shared configuration filepath (e.g. ~/.aws/config) and env variables such as AWS_CONFIG_FILE (Default: empty)" },
                "credentials": { "type": "string", "description": "If non-empty overrides the AWS shared credentials filepath (e.g. ~/.aws/credentials) and env variables such as AWS_SHARED_CREDENTIALS_FILE (Default: empty)" }
              },
              "additionalProperties": true
            },
            "endpointUrl": {
              "type": "string",
              "description": "Service URL of an S3/SQS-compatible endpoint used instead of AWS (e.g. 'http://127.0.0.1:4568'); S3 is then addressed path-style (Default: AWS)"
            },
            "s3EndpointUrl": {
              "type": "string",
              "description": "Service URL for S3 only, overriding endpointUrl (Default: endpointUrl)"
            },
            "sqsEndpointUrl": {
              "type": "string",
              "description": "Service URL for SQS only, overriding endpointUrl (Default: endpointUrl)"
            },
            "sqsWaitTimeSeconds": {
              "type": "integer",
              "minimum": 0,
              "maximum": 20,
              "description": "SQS long-polling wait per receive, in seconds (Default: 1)"
            },
            "maxRecordSize": {
              "type": "integer",
              "minimum": 1,
              "maximum": 2147483647,
              "description": "The longest record read, in bytes: a longer record is reported with its file and byte position and skipped, with memory bounded by this size (Default: 67108864, 64 MiB; Falco's Go plugin has no limit)"
            }
          },
          "additionalProperties": true
        }
        """;
}
