namespace Falco.Actors.CorpusGen.Scenarios;

using System.Text.Json;
using Falco.Actors.CorpusGen.Catalog;
using Falco.Actors.CorpusGen.Generation;

/// <summary>
/// The security-relevant APIs the scenarios use (sign-in, IAM, CloudTrail, EC2 launches and security
/// groups, S3 bucket permissions, ECS, Lambda, GuardDuty, KMS), shaped like the real records of the
/// Stratus Red Team detonations. Values a scenario decides (public or not, MFA or not) travel in the
/// context's scratch slots.
/// </summary>
public static class SecurityCalls
{
    private static readonly System.Globalization.CultureInfo Inv = System.Globalization.CultureInfo.InvariantCulture;

    private static string AwsDate(DateTime t) => t.ToString("MMM d, yyyy h:mm:ss tt", Inv);

    /// <summary>S1 = "Success"/"Failure", S2 = MFAUsed "Yes"/"No".</summary>
    public static readonly ApiCall ConsoleLogin = new()
    {
        Source = "signin.amazonaws.com", Name = "ConsoleLogin", ReadOnly = false, Global = true,
        Response = (w, c) => w.WriteString("ConsoleLogin", c.S1),
        Additional = (w, c) =>
        {
            w.WriteString("LoginTo", "https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true");
            w.WriteString("MobileVersion", "No");
            if (c.S2 == "Yes") w.WriteString("MFAIdentifier", $"arn:aws:iam::{c.Account.Id}:mfa/{c.Caller.Name}");
            w.WriteString("MFAUsed", c.S2);
        },
    };

    /// <summary>S1 = user name, S2 = MFA serial.</summary>
    public static readonly ApiCall DeactivateMfaDevice = Iam("DeactivateMFADevice", (w, c) =>
    {
        w.WriteString("userName", c.S1);
        w.WriteString("serialNumber", c.S2);
    });

    /// <summary>S1 = new user name.</summary>
    public static readonly ApiCall CreateUser = Iam("CreateUser", (w, c) => w.WriteString("userName", c.S1), (w, c) =>
        Json.Obj(w, "user", u =>
        {
            u.WriteString("path", "/");
            u.WriteString("userName", c.S1);
            u.WriteString("userId", Ids.Prefixed(c.Rng, "AIDA", 21));
            u.WriteString("arn", $"arn:aws:iam::{c.Account.Id}:user/{c.S1}");
            u.WriteString("createDate", AwsDate(c.Time));
        }), ["EntityAlreadyExists", "AccessDenied"]);

    /// <summary>S1 = group name.</summary>
    public static readonly ApiCall CreateGroup = Iam("CreateGroup", (w, c) => w.WriteString("groupName", c.S1), (w, c) =>
        Json.Obj(w, "group", g =>
        {
            g.WriteString("path", "/");
            g.WriteString("groupName", c.S1);
            g.WriteString("groupId", Ids.Prefixed(c.Rng, "AGPA", 21));
            g.WriteString("arn", $"arn:aws:iam::{c.Account.Id}:group/{c.S1}");
            g.WriteString("createDate", AwsDate(c.Time));
        }));

    public static readonly ApiCall DeleteGroup = Iam("DeleteGroup", (w, c) => w.WriteString("groupName", c.S1), null, ["DeleteConflict", "AccessDenied"]);

    /// <summary>S1 = target user name (empty: the caller's own key, no userName parameter).</summary>
    public static readonly ApiCall CreateAccessKey = Iam("CreateAccessKey", (w, c) =>
    {
        if (c.S1.Length > 0) w.WriteString("userName", c.S1);
    }, (w, c) => Json.Obj(w, "accessKey", k =>
    {
        k.WriteString("userName", c.S1.Length > 0 ? c.S1 : c.Caller.Name);
        k.WriteString("accessKeyId", Ids.Prefixed(c.Rng, "AKIA", 20));
        k.WriteString("status", "Active");
        k.WriteString("createDate", AwsDate(c.Time));
    }));

    /// <summary>S1 = parameter name (userName/roleName/groupName), S2 = its value, S3 = policy ARN.</summary>
    public static ApiCall AttachPolicy(string name) => Iam(name, (w, c) =>
    {
        w.WriteString(c.S1, c.S2);
        w.WriteString("policyArn", c.S3);
    });

    /// <summary>S1 = trail name, N1 = 1 for a multi-region trail.</summary>
    public static readonly ApiCall CreateTrail = Trail("CreateTrail", (w, c) =>
    {
        w.WriteString("name", c.S1);
        w.WriteString("s3BucketName", "audit-trail-" + c.Account.Id);
        w.WriteBoolean("isMultiRegionTrail", c.N1 == 1);
        w.WriteBoolean("enableLogFileValidation", true);
    }, (w, c) =>
    {
        w.WriteString("name", c.S1);
        w.WriteString("s3BucketName", "audit-trail-" + c.Account.Id);
        w.WriteBoolean("includeGlobalServiceEvents", true);
        w.WriteBoolean("isMultiRegionTrail", c.N1 == 1);
        w.WriteString("trailARN", c.Arn("cloudtrail", "trail/" + c.S1));
        w.WriteBoolean("logFileValidationEnabled", true);
        w.WriteBoolean("isOrganizationTrail", false);
    });

    public static readonly ApiCall StopLogging = Trail("StopLogging", (w, c) => w.WriteString("name", c.Arn("cloudtrail", "trail/" + c.S1)), null);
    public static readonly ApiCall StartLogging = Trail("StartLogging", (w, c) => w.WriteString("name", c.Arn("cloudtrail", "trail/" + c.S1)), null);
    public static readonly ApiCall DeleteTrail = Trail("DeleteTrail", (w, c) => w.WriteString("name", c.S1), null, ["TrailNotFoundException"]);

    public static readonly ApiCall UpdateTrail = Trail("UpdateTrail", (w, c) =>
    {
        w.WriteString("name", c.S1);
        w.WriteString("s3BucketName", "archive-" + Ids.HexString(c.Rng, 6));
        w.WriteBoolean("isMultiRegionTrail", false);
    }, (w, c) =>
    {
        w.WriteString("name", c.S1);
        w.WriteString("s3BucketName", "archive-" + Ids.HexString(c.Rng, 6));
        w.WriteBoolean("isMultiRegionTrail", false);
        w.WriteString("trailARN", c.Arn("cloudtrail", "trail/" + c.S1));
    });

    public static readonly ApiCall PutEventSelectors = Trail("PutEventSelectors", (w, c) =>
    {
        w.WriteString("trailName", c.S1);
        EventSelectors(w);
    }, (w, c) =>
    {
        w.WriteString("trailARN", c.Arn("cloudtrail", "trail/" + c.S1));
        EventSelectors(w);
    });

    /// <summary>S1 = availability zone, S2 = instance type; the response names the launched instance.</summary>
    public static readonly ApiCall RunInstances = new()
    {
        Source = "ec2.amazonaws.com", Name = "RunInstances", ReadOnly = false,
        ErrorCodes = ["Client.UnauthorizedOperation", "Server.InsufficientInstanceCapacity"],
        Request = (w, c) =>
        {
            c.S3 = c.Rng.Pick(c.Account.Subnets);
            Json.Obj(w, "instancesSet", s =>
            {
                s.WritePropertyName("items");
                s.WriteStartArray();
                s.WriteStartObject();
                s.WriteString("imageId", c.Rng.Pick(c.Account.Images));
                s.WriteNumber("minCount", 1);
                s.WriteNumber("maxCount", 1);
                s.WriteEndObject();
                s.WriteEndArray();
            });
            w.WriteString("instanceType", c.S2);
            Json.Empty(w, "blockDeviceMapping");
            w.WriteString("availabilityZone", c.S1);
            w.WriteString("subnetId", c.S3);
            Json.Obj(w, "monitoring", m => m.WriteBoolean("enabled", false));
            w.WriteBoolean("disableApiTermination", false);
            w.WriteBoolean("disableApiStop", false);
            RecordWriter.WriteGuid(w, "clientToken", c.Rng);
            Json.Obj(w, "tagSpecificationSet", t =>
            {
                t.WritePropertyName("items");
                t.WriteStartArray();
                t.WriteStartObject();
                t.WriteString("resourceType", "instance");
                t.WritePropertyName("tags");
                t.WriteStartArray();
                t.WriteStartObject();
                t.WriteString("key", "Name");
                t.WriteString("value", "worker-" + Ids.HexString(c.Rng, 4));
                t.WriteEndObject();
                t.WriteEndArray();
                t.WriteEndObject();
                t.WriteEndArray();
            });
        },
        Response = (w, c) =>
        {
            RecordWriter.WriteGuid(w, "requestId", c.Rng);
            w.WriteString("reservationId", Ids.Ec2(c.Rng, "r"));
            w.WriteString("ownerId", c.Account.Id);
            Json.Empty(w, "groupSet");
            Json.Obj(w, "instancesSet", s =>
            {
                s.WritePropertyName("items");
                s.WriteStartArray();
                s.WriteStartObject();
                s.WriteString("instanceId", Ids.Ec2(c.Rng, "i"));
                s.WriteString("imageId", c.Account.Images[0]);
                Json.Obj(s, "instanceState", st =>
                {
                    st.WriteNumber("code", 0);
                    st.WriteString("name", "pending");
                });
                s.WriteString("privateDnsName", $"ip-10-0-{c.Rng.Next(256)}-{c.Rng.Next(256)}.ec2.internal");
                s.WriteNumber("amiLaunchIndex", 0);
                s.WriteString("instanceType", c.S2);
                s.WriteNumber("launchTime", new DateTimeOffset(c.Time).ToUnixTimeMilliseconds());
                Json.Obj(s, "placement", p =>
                {
                    p.WriteString("availabilityZone", c.S1);
                    p.WriteString("tenancy", "default");
                });
                Json.Obj(s, "monitoring", m => m.WriteString("state", "disabled"));
                s.WriteString("subnetId", c.S3);
                s.WriteString("vpcId", c.Account.VpcId);
                s.WriteString("privateIpAddress", $"10.0.{c.Rng.Next(256)}.{c.Rng.Next(1, 255)}");
                s.WriteEndObject();
                s.WriteEndArray();
            });
        },
    };

    /// <summary>S1 = CIDR opened, N1 = port.</summary>
    public static readonly ApiCall AuthorizeSecurityGroupIngress = new()
    {
        Source = "ec2.amazonaws.com", Name = "AuthorizeSecurityGroupIngress", ReadOnly = false,
        ErrorCodes = ["Client.UnauthorizedOperation", "Client.InvalidPermission.Duplicate"],
        Request = (w, c) =>
        {
            c.S2 = c.Rng.Pick(c.Account.SecurityGroups);
            w.WriteString("groupId", c.S2);
            Json.Obj(w, "ipPermissions", p =>
            {
                p.WritePropertyName("items");
                p.WriteStartArray();
                p.WriteStartObject();
                p.WriteString("ipProtocol", "tcp");
                p.WriteNumber("fromPort", c.N1);
                p.WriteNumber("toPort", c.N1);
                Json.Empty(p, "groups");
                Json.Items(p, "ipRanges", "cidrIp", c.S1);
                Json.Empty(p, "ipv6Ranges");
                Json.Empty(p, "prefixListIds");
                p.WriteEndObject();
                p.WriteEndArray();
            });
        },
        Response = (w, c) =>
        {
            RecordWriter.WriteGuid(w, "requestId", c.Rng);
            w.WriteBoolean("_return", true);
            Json.Obj(w, "securityGroupRuleSet", s =>
            {
                s.WritePropertyName("items");
                s.WriteStartArray();
                s.WriteStartObject();
                s.WriteString("groupOwnerId", c.Account.Id);
                s.WriteString("groupId", c.S2);
                s.WriteString("securityGroupRuleId", Ids.Ec2(c.Rng, "sgr"));
                s.WriteBoolean("isEgress", false);
                s.WriteString("ipProtocol", "tcp");
                s.WriteNumber("fromPort", c.N1);
                s.WriteNumber("toPort", c.N1);
                s.WriteString("cidrIpv4", c.S1);
                s.WriteEndObject();
                s.WriteEndArray();
            });
        },
    };

    private static void EventSelectors(Utf8JsonWriter w)
    {
        w.WritePropertyName("eventSelectors");
        w.WriteStartArray();
        w.WriteStartObject();
        w.WriteString("readWriteType", "ReadOnly");
        w.WriteBoolean("includeManagementEvents", false);
        w.WritePropertyName("dataResources");
        w.WriteStartArray();
        w.WriteStartObject();
        w.WriteString("type", "AWS::S3::Object");
        Json.Strings(w, "values");
        w.WriteEndObject();
        w.WriteEndArray();
        Json.Strings(w, "excludeManagementEventSources");
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static ApiCall Iam(string name, BodyWriter request, BodyWriter? response = null, string[]? errors = null) => new()
    {
        Source = "iam.amazonaws.com", Name = name, ReadOnly = false, Global = true, Request = request, Response = response,
        ErrorCodes = errors ?? ["AccessDenied"],
    };

    private static ApiCall Trail(string name, BodyWriter request, BodyWriter? response, string[]? errors = null) => new()
    {
        Source = "cloudtrail.amazonaws.com", Name = name, ReadOnly = false, Request = request, Response = response,
        ErrorCodes = errors ?? ["AccessDeniedException"],
    };
}
