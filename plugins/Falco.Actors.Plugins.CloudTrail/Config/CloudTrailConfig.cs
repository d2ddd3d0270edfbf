using System.Text.Json;
using System.Text.RegularExpressions;

namespace Falco.Actors.Plugins.CloudTrail.Config;

/// <summary>
/// The cloudtrail plugin's init config (a JSON object; empty text = <c>{}</c>; unknown keys are allowed), with the
/// Go plugin's defaults, plus <c>endpointUrl</c> to point S3 and SQS at a compatible store.
/// </summary>
public sealed partial record CloudTrailConfig
{
    public int S3DownloadConcurrency { get; init; } = 32;
    public string S3Interval { get; init; } = "";
    public bool SqsDelete { get; init; } = true;
    public bool UseAsync { get; init; } = true;
    public bool UseS3SNS { get; init; }
    public string S3AccountList { get; init; } = "";
    public string SqsOwnerAccount { get; init; } = "";
    public string AwsProfile { get; init; } = "";
    public string AwsRegion { get; init; } = "";
    public string AwsConfig { get; init; } = "";
    public string AwsCredentials { get; init; } = "";

    /// <summary>S3 and SQS service URL override (not in Falco's plugin): e.g. <c>http://127.0.0.1:4568</c>.</summary>
    public string EndpointUrl { get; init; } = "";

    /// <summary>S3 service URL override, taking precedence over <see cref="EndpointUrl"/> for S3.</summary>
    public string S3EndpointUrl { get; init; } = "";

    /// <summary>SQS service URL override, taking precedence over <see cref="EndpointUrl"/> for SQS.</summary>
    public string SqsEndpointUrl { get; init; } = "";

    /// <summary>The S3 endpoint to use, or empty for AWS.</summary>
    public string S3Endpoint => S3EndpointUrl.Length > 0 ? S3EndpointUrl : EndpointUrl;

    /// <summary>The SQS endpoint to use, or empty for AWS.</summary>
    public string SqsEndpoint => SqsEndpointUrl.Length > 0 ? SqsEndpointUrl : EndpointUrl;

    /// <summary>SQS long-polling wait per receive, in seconds (0–20; not in Falco's plugin, which uses the queue's default).</summary>
    public int SqsWaitTimeSeconds { get; init; } = 1;

    /// <summary>
    /// The longest record read, in bytes (not in Falco's plugin, which has no limit): a longer one is reported with its
    /// file and position and skipped, so one huge record cannot exhaust memory. Default 64 MiB.
    /// </summary>
    public int MaxRecordSize { get; init; } = Reading.RecordSplitter.DefaultMaxRecordSize;

    /// <summary>The account IDs of <see cref="S3AccountList"/>, in order.</summary>
    public IReadOnlyList<string> Accounts =>
        S3AccountList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex(@"^(?: *\d{12} *,?)*$")]
    private static partial Regex AccountListPattern();

    /// <summary>Parses and checks an init config; errors are <see cref="CloudTrailException"/>s in Falco's words.</summary>
    public static CloudTrailConfig Parse(string? json)
    {
        var config = new CloudTrailConfig();
        if (string.IsNullOrWhiteSpace(json))
        {
            return config;
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new CloudTrailException($"cloudtrail invalid init config: {e.Message}", e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CloudTrailException("cloudtrail invalid init config: it must be a JSON object");
            }
            foreach (var member in doc.RootElement.EnumerateObject())
            {
                config = member.Name switch
                {
                    "s3DownloadConcurrency" => config with { S3DownloadConcurrency = Int(member) },
                    "s3Interval" => config with { S3Interval = Text(member) },
                    "sqsDelete" => config with { SqsDelete = Bool(member) },
                    "useAsync" => config with { UseAsync = Bool(member) },
                    "useS3SNS" => config with { UseS3SNS = Bool(member) },
                    "s3AccountList" => config with { S3AccountList = Text(member) },
                    "sqsOwnerAccount" => config with { SqsOwnerAccount = Text(member) },
                    "aws" when member.Value.ValueKind == JsonValueKind.Object => WithAws(config, member.Value),
                    "aws.profile" => config with { AwsProfile = Text(member) },
                    "aws.region" => config with { AwsRegion = Text(member) },
                    "aws.config" => config with { AwsConfig = Text(member) },
                    "aws.credentials" => config with { AwsCredentials = Text(member) },
                    "endpointUrl" => config with { EndpointUrl = Text(member) },
                    "s3EndpointUrl" => config with { S3EndpointUrl = Text(member) },
                    "sqsEndpointUrl" => config with { SqsEndpointUrl = Text(member) },
                    "sqsWaitTimeSeconds" => config with { SqsWaitTimeSeconds = Int(member) },
                    "maxRecordSize" => config with { MaxRecordSize = Int(member) },
                    _ => config,
                };
            }
        }
        if (!AccountListPattern().IsMatch(config.S3AccountList))
        {
            throw new CloudTrailException("cloudtrail invalid account list");
        }
        if (config.SqsWaitTimeSeconds is < 0 or > 20)
        {
            throw new CloudTrailException("cloudtrail invalid sqsWaitTimeSeconds: it must be between 0 and 20");
        }
        if (config.MaxRecordSize <= 0)
        {
            throw new CloudTrailException("cloudtrail invalid maxRecordSize: it must be a positive number of bytes");
        }
        if (config.S3Interval.Length > 0)
        {
            // Checked now so that a bad interval fails init, as in Falco (the type, not the property of the same name).
            global::Falco.Actors.Plugins.CloudTrail.Config.S3Interval.Parse(config.S3Interval, DateTime.UtcNow);
        }
        return config;
    }

    private static CloudTrailConfig WithAws(CloudTrailConfig config, JsonElement aws)
    {
        foreach (var member in aws.EnumerateObject())
        {
            config = member.Name switch
            {
                "profile" => config with { AwsProfile = Text(member) },
                "region" => config with { AwsRegion = Text(member) },
                "config" => config with { AwsConfig = Text(member) },
                "credentials" => config with { AwsCredentials = Text(member) },
                _ => config,
            };
        }
        return config;
    }

    private static int Int(JsonProperty p) => p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out var v)
        ? v
        : throw Invalid(p, "an integer");

    private static bool Bool(JsonProperty p) => p.Value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Invalid(p, "a boolean"),
    };

    private static string Text(JsonProperty p) => p.Value.ValueKind == JsonValueKind.String
        ? p.Value.GetString()!
        : throw Invalid(p, "a string");

    private static CloudTrailException Invalid(JsonProperty p, string what) =>
        new($"cloudtrail invalid init config: '{p.Name}' must be {what}, not {p.Value.GetRawText()}");
}
