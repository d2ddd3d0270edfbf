namespace Falco.Actors.CorpusGen.Scenarios;

using System.Text.Json;
using Falco.Actors.CorpusGen.Catalog;
using Falco.Actors.CorpusGen.Generation;

/// <summary>Scenario APIs on workloads and data: S3 bucket permissions, ECS, Lambda, GuardDuty and KMS.</summary>
public static class WorkloadCalls
{
    private const string AllUsers = "http://acs.amazonaws.com/groups/global/AllUsers";
    private const string AuthenticatedUsers = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

    /// <summary>N1 = 1: grant READ to AllUsers (or AuthenticatedUsers when S3 = "auth"); 0: owner-only ACL.</summary>
    public static readonly ApiCall PutBucketAcl = Bucket("PutBucketAcl", (w, c) =>
    {
        w.WriteString("acl", "");
        Json.Obj(w, "AccessControlPolicy", p =>
        {
            Json.Obj(p, "AccessControlList", l =>
            {
                l.WritePropertyName("Grant");
                l.WriteStartArray();
                Grant(l, "CanonicalUser", "ID", c.Account.CanonicalUserId, "FULL_CONTROL");
                if (c.N1 == 1) Grant(l, "Group", "URI", c.S3 == "auth" ? AuthenticatedUsers : AllUsers, "READ");
                else Grant(l, "Group", "URI", "http://acs.amazonaws.com/groups/s3/LogDelivery", "WRITE");
                l.WriteEndArray();
            });
            p.WriteString("xmlns", "http://s3.amazonaws.com/doc/2006-03-01/");
            Json.Obj(p, "Owner", o => o.WriteString("ID", c.Account.CanonicalUserId));
        });
    });

    /// <summary>N1 = 1: Principal "*"; 0: the account's CloudTrail service principal.</summary>
    public static readonly ApiCall PutBucketPolicy = Bucket("PutBucketPolicy", (w, c) =>
    {
        Json.Obj(w, "bucketPolicy", p =>
        {
            p.WriteString("Version", "2012-10-17");
            p.WritePropertyName("Statement");
            p.WriteStartArray();
            p.WriteStartObject();
            p.WriteString("Sid", c.N1 == 1 ? "PublicRead" : "AWSCloudTrailWrite");
            p.WriteString("Effect", "Allow");
            if (c.N1 == 1) p.WriteString("Principal", "*");
            else Json.Obj(p, "Principal", x => x.WriteString("Service", "cloudtrail.amazonaws.com"));
            p.WriteString("Action", c.N1 == 1 ? "s3:GetObject" : "s3:PutObject");
            p.WriteString("Resource", $"arn:aws:s3:::{c.S1}/*");
            p.WriteEndObject();
            p.WriteEndArray();
        });
        w.WriteString("policy", "");
    });

    /// <summary>N1 = 1: all four blocks on; 0: all off (what the Falco rule calls deleting the block).</summary>
    public static readonly ApiCall PutBucketPublicAccessBlock = Bucket("PutBucketPublicAccessBlock", (w, c) =>
    {
        w.WriteString("publicAccessBlock", "");
        Json.Obj(w, "PublicAccessBlockConfiguration", p =>
        {
            p.WriteString("xmlns", "http://s3.amazonaws.com/doc/2006-03-01/");
            bool on = c.N1 == 1;
            p.WriteBoolean("RestrictPublicBuckets", on);
            p.WriteBoolean("BlockPublicPolicy", on);
            p.WriteBoolean("BlockPublicAcls", on);
            p.WriteBoolean("IgnorePublicAcls", on);
        });
    });

    public static readonly ApiCall DeleteBucketEncryption = Bucket("DeleteBucketEncryption", (w, c) => w.WriteString("encryption", ""));

    public static readonly ApiCall ListBuckets = new()
    {
        Source = "s3.amazonaws.com", Name = "ListBuckets", ReadOnly = true,
        Request = (w, c) => w.WriteString("Host", $"s3.{c.Region}.amazonaws.com"),
        Additional = (w, c) => StorageCalls.S3Additional(w, c, 0, 0),
    };

    /// <summary>S1 = cluster, S2 = service name.</summary>
    public static readonly ApiCall CreateService = Ecs("CreateService", (w, c) =>
    {
        w.WriteString("cluster", c.S1);
        w.WriteString("serviceName", c.S2);
        w.WriteString("taskDefinition", c.S2 + ":" + (c.N1 = c.Rng.Next(1, 60)));
        w.WriteNumber("desiredCount", 2);
        w.WriteString("launchType", "FARGATE");
    }, (w, c) => Json.Obj(w, "service", s =>
    {
        s.WriteString("serviceArn", c.Arn("ecs", $"service/{c.S1}/{c.S2}"));
        s.WriteString("serviceName", c.S2);
        s.WriteString("clusterArn", c.Arn("ecs", "cluster/" + c.S1));
        s.WriteString("status", "ACTIVE");
        s.WriteNumber("desiredCount", 2);
        s.WriteString("taskDefinition", c.Arn("ecs", $"task-definition/{c.S2}:{c.N1}"));
    }));

    public static readonly ApiCall RunTask = Ecs("RunTask", TaskRequest, TaskResponse);
    public static readonly ApiCall StartTask = Ecs("StartTask", (w, c) =>
    {
        TaskRequest(w, c);
        Json.Strings(w, "containerInstances", Ids.HexString(c.Rng, 32));
    }, TaskResponse);

    /// <summary>S1 = function name.</summary>
    public static readonly ApiCall CreateFunction = Lambda("CreateFunction20150331", (w, c) =>
    {
        w.WriteString("functionName", c.S1);
        w.WriteString("runtime", "python3.12");
        w.WriteString("role", c.Account.Roles[5].RoleArn);
        w.WriteString("handler", "app.handler");
        Json.Empty(w, "code");
        w.WriteNumber("timeout", 30);
        w.WriteNumber("memorySize", 256);
        w.WriteBoolean("publish", true);
    }, FunctionResponse);

    public static readonly ApiCall UpdateFunctionCode = Lambda("UpdateFunctionCode20150331v2", (w, c) =>
    {
        w.WriteString("functionName", c.S1);
        w.WriteBoolean("publish", false);
        w.WriteBoolean("dryRun", false);
    }, FunctionResponse);

    public static readonly ApiCall UpdateFunctionConfiguration = Lambda("UpdateFunctionConfiguration20150331v2", (w, c) =>
    {
        w.WriteString("functionName", c.S1);
        w.WriteNumber("timeout", 60);
        Json.Obj(w, "environment", e => e.WriteBoolean("variables", true));
    }, FunctionResponse);

    public static readonly ApiCall DeleteDetector = new()
    {
        Source = "guardduty.amazonaws.com", Name = "DeleteDetector", ReadOnly = false,
        ErrorCodes = ["BadRequestException", "AccessDeniedException"],
        Request = (w, c) => w.WriteString("detectorId", Ids.HexString(c.Rng, 32)),
    };

    /// <summary>S1 = key id.</summary>
    public static readonly ApiCall ScheduleKeyDeletion = new()
    {
        Source = "kms.amazonaws.com", Name = "ScheduleKeyDeletion", ReadOnly = false, ErrorCodes = ["AccessDeniedException"],
        Request = (w, c) =>
        {
            w.WriteString("keyId", c.S1);
            w.WriteNumber("pendingWindowInDays", 7);
        },
        Response = (w, c) =>
        {
            w.WriteString("keyId", c.Arn("kms", "key/" + c.S1));
            w.WriteString("deletionDate", c.Time.Date.AddDays(8).ToString("MMM d, yyyy, h:mm:ss tt", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("keyState", "PendingDeletion");
            w.WriteNumber("pendingWindowInDays", 7);
        },
        Resources = (w, c) => Json.Resource(w, c.Account.Id, "AWS::KMS::Key", c.Arn("kms", "key/" + c.S1)),
    };

    public static readonly ApiCall CancelKeyDeletion = new()
    {
        Source = "kms.amazonaws.com", Name = "CancelKeyDeletion", ReadOnly = false,
        Request = (w, c) => w.WriteString("keyId", c.S1),
        Response = (w, c) => w.WriteString("keyId", c.Arn("kms", "key/" + c.S1)),
        Resources = (w, c) => Json.Resource(w, c.Account.Id, "AWS::KMS::Key", c.Arn("kms", "key/" + c.S1)),
    };

    private static void TaskRequest(Utf8JsonWriter w, RecordContext c)
    {
        w.WriteString("cluster", c.S1);
        w.WriteString("taskDefinition", c.S2);
        w.WriteNumber("count", 1);
        w.WriteString("launchType", "FARGATE");
    }

    private static void TaskResponse(Utf8JsonWriter w, RecordContext c)
    {
        w.WritePropertyName("tasks");
        w.WriteStartArray();
        w.WriteStartObject();
        w.WriteString("taskArn", c.Arn("ecs", $"task/{c.S1}/{Ids.HexString(c.Rng, 32)}"));
        w.WriteString("clusterArn", c.Arn("ecs", "cluster/" + c.S1));
        w.WriteString("taskDefinitionArn", c.Arn("ecs", "task-definition/" + c.S2));
        w.WriteString("lastStatus", "PROVISIONING");
        w.WriteString("desiredStatus", "RUNNING");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WritePropertyName("failures");
        w.WriteStartArray();
        w.WriteEndArray();
    }

    private static void FunctionResponse(Utf8JsonWriter w, RecordContext c)
    {
        w.WriteString("functionName", c.S1);
        w.WriteString("functionArn", c.Arn("lambda", "function:" + c.S1));
        w.WriteString("runtime", "python3.12");
        w.WriteString("role", c.Account.Roles[5].RoleArn);
        w.WriteString("handler", "app.handler");
        w.WriteNumber("codeSize", c.Rng.Next(1_000, 5_000_000));
        w.WriteString("codeSha256", Ids.MixedAlnum(c.Rng, 43) + "=");
        w.WriteString("version", "$LATEST");
        w.WriteString("state", "Active");
        w.WriteString("lastUpdateStatus", "InProgress");
    }

    private static void Grant(Utf8JsonWriter w, string type, string key, string value, string permission)
    {
        w.WriteStartObject();
        Json.Obj(w, "Grantee", g =>
        {
            g.WriteString("xsi:type", type);
            g.WriteString(key, value);
            g.WriteString("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
        });
        w.WriteString("Permission", permission);
        w.WriteEndObject();
    }

    /// <summary>S3 bucket management call; S1 = bucket.</summary>
    private static ApiCall Bucket(string name, BodyWriter extra) => new()
    {
        Source = "s3.amazonaws.com", Name = name, ReadOnly = false,
        Request = (w, c) =>
        {
            w.WriteString("bucketName", c.S1);
            w.WriteString("Host", RecordWriter.Host(c));
            extra(w, c);
        },
        Additional = (w, c) => StorageCalls.S3Additional(w, c, 0, 0),
        Resources = (w, c) => Json.Resource(w, c.Account.Id, "AWS::S3::Bucket", "arn:aws:s3:::" + c.S1),
    };

    private static ApiCall Ecs(string name, BodyWriter request, BodyWriter response) => new()
    {
        Source = "ecs.amazonaws.com", Name = name, ReadOnly = false, Request = request, Response = response,
        ErrorCodes = ["AccessDeniedException", "ClientException"],
    };

    private static ApiCall Lambda(string name, BodyWriter request, BodyWriter response) => new()
    {
        Source = "lambda.amazonaws.com", Name = name, ReadOnly = false, Request = request, Response = response,
        ErrorCodes = ["AccessDeniedException", "ResourceConflictException"],
    };
}
