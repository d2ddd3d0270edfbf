namespace Falco.Actors.CorpusGen.Catalog;

using System.Text.Json;
using Falco.Actors.CorpusGen.Generation;

/// <summary>Benign Lambda, CloudWatch Logs, CloudWatch, ECR, CloudFormation, CloudTrail, GuardDuty and Route 53 calls.</summary>
public static class ApplicationCalls
{
    public static IReadOnlyList<ApiCall> All { get; } =
    [
        new ApiCall
        {
            Source = "lambda.amazonaws.com", Name = "Invoke", ReadOnly = false, Weight = 40, Data = true, ServiceCallable = true,
            Request = (w, c) =>
            {
                c.S1 = c.Arn("lambda", "function:" + c.Rng.Pick(c.Account.Functions));
                w.WriteString("functionName", c.S1);
                w.WriteString("invocationType", c.Rng.Next(3) == 0 ? "Event" : "RequestResponse");
                w.WriteString("logType", "None");
            },
            Additional = (w, c) => w.WriteString("functionVersion", c.S1 + ":$LATEST"),
            Resources = (w, c) => Json.Resource(w, c.Account.Id, "AWS::Lambda::Function", c.S1),
        },
        Lambda("GetFunction20150331v2", 5, (w, c) => w.WriteString("functionName", c.Rng.Pick(c.Account.Functions))),
        Lambda("ListFunctions20150331", 6, null),
        Logs("CreateLogStream", 25, false, (w, c) =>
        {
            w.WriteString("logGroupName", c.Rng.Pick(c.Account.LogGroups));
            w.WriteString("logStreamName", $"{c.Time:yyyy/MM/dd}/[$LATEST]{Ids.HexString(c.Rng, 32)}");
        }),
        Logs("DescribeLogGroups", 8, true, (w, c) => w.WriteString("logGroupNamePrefix", "/aws/lambda/")),
        Logs("DescribeLogStreams", 8, true, (w, c) =>
        {
            w.WriteString("logGroupName", c.Rng.Pick(c.Account.LogGroups));
            w.WriteBoolean("descending", true);
            w.WriteString("orderBy", "LastEventTime");
        }),
        Logs("FilterLogEvents", 4, true, (w, c) =>
        {
            w.WriteString("logGroupName", c.Rng.Pick(c.Account.LogGroups));
            w.WriteString("filterPattern", "ERROR");
            w.WriteNumber("startTime", new DateTimeOffset(c.Time.AddHours(-1)).ToUnixTimeMilliseconds());
        }),
        Logs("GetLogEvents", 5, true, (w, c) =>
        {
            w.WriteString("logGroupName", c.Rng.Pick(c.Account.LogGroups));
            w.WriteString("logStreamName", Ids.HexString(c.Rng, 32));
            w.WriteBoolean("startFromHead", false);
        }),
        Monitoring("GetMetricData", 25, (w, c) =>
        {
            w.WriteString("startTime", c.Time.AddMinutes(-15).ToString("MMM d, yyyy, h:mm:ss tt", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("endTime", c.Time.ToString("MMM d, yyyy, h:mm:ss tt", System.Globalization.CultureInfo.InvariantCulture));
        }),
        Monitoring("DescribeAlarms", 10, (w, c) => w.WriteNumber("maxRecords", 100)),
        Monitoring("ListMetrics", 8, (w, c) => w.WriteString("namespace", c.Rng.Pick(["AWS/EC2", "AWS/Lambda", "AWS/RDS", "AWS/ApplicationELB"]))),
        new ApiCall
        {
            Source = "ecr.amazonaws.com", Name = "GetAuthorizationToken", ReadOnly = true, Weight = 12, ServiceCallable = true,
            Request = (w, c) => Json.Strings(w, "registryIds", c.Account.Id),
        },
        new ApiCall
        {
            Source = "ecr.amazonaws.com", Name = "BatchCheckLayerAvailability", ReadOnly = true, Weight = 4,
            Request = (w, c) =>
            {
                w.WriteString("repositoryName", "orders-api");
                w.WriteString("registryId", c.Account.Id);
                Json.Strings(w, "layerDigests", "sha256:" + Ids.HexString(c.Rng, 64));
            },
        },
        new ApiCall
        {
            Source = "cloudformation.amazonaws.com", Name = "DescribeStacks", ReadOnly = true, Weight = 6,
            Request = (w, c) => w.WriteString("stackName", "prod-web-" + c.Rng.Next(10)),
        },
        new ApiCall
        {
            Source = "cloudtrail.amazonaws.com", Name = "DescribeTrails", ReadOnly = true, Weight = 3,
            Request = (w, c) => w.WriteBoolean("includeShadowTrails", true),
        },
        new ApiCall
        {
            Source = "cloudtrail.amazonaws.com", Name = "GetTrailStatus", ReadOnly = true, Weight = 3,
            Request = (w, c) => w.WriteString("name", c.Arn("cloudtrail", "trail/" + c.Account.TrailName)),
        },
        new ApiCall
        {
            Source = "cloudtrail.amazonaws.com", Name = "LookupEvents", ReadOnly = true, Weight = 2,
            Request = (w, c) => w.WriteNumber("maxResults", 50),
        },
        new ApiCall
        {
            Source = "guardduty.amazonaws.com", Name = "ListDetectors", ReadOnly = true, Weight = 2,
        },
        new ApiCall
        {
            Source = "route53.amazonaws.com", Name = "ListHostedZones", ReadOnly = true, Weight = 2, Global = true,
        },
    ];

    private static ApiCall Lambda(string name, int weight, BodyWriter? request) => new()
    {
        Source = "lambda.amazonaws.com", Name = name, ReadOnly = true, Weight = weight, Request = request,
        ErrorCodes = ["AccessDeniedException", "ResourceNotFoundException"],
    };

    private static ApiCall Logs(string name, int weight, bool readOnly, BodyWriter request) => new()
    {
        Source = "logs.amazonaws.com", Name = name, ReadOnly = readOnly, Weight = weight, Request = request,
        ServiceCallable = !readOnly, ErrorCodes = ["AccessDenied", "ThrottlingException"],
    };

    private static ApiCall Monitoring(string name, int weight, BodyWriter request) => new()
    {
        Source = "monitoring.amazonaws.com", Name = name, ReadOnly = true, Weight = weight, Request = request,
        ErrorCodes = ["AccessDenied", "ThrottlingException"],
    };
}
