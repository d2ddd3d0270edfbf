namespace Falco.Actors.CorpusGen.Catalog;

using System.Text.Json;
using Falco.Actors.CorpusGen.Generation;

/// <summary>Benign IAM, STS, KMS, Secrets Manager and SSM Parameter Store calls.</summary>
public static class IdentityCalls
{
    private const string Iam = "iam.amazonaws.com";
    private const string Sts = "sts.amazonaws.com";
    private const string Kms = "kms.amazonaws.com";

    public static IReadOnlyList<ApiCall> All { get; } =
    [
        IamRead("GetRole", 10, (w, c) => w.WriteString("roleName", c.Rng.Pick(c.Account.Roles).Name)),
        IamRead("GetUser", 5, (w, c) => w.WriteString("userName", c.Rng.Pick(c.Account.Users).Name)),
        IamRead("ListRoles", 6, (w, c) => w.WriteNumber("maxItems", 1000)),
        IamRead("ListUsers", 4, null),
        IamRead("ListGroups", 2, null),
        IamRead("ListAttachedRolePolicies", 6, (w, c) => w.WriteString("roleName", c.Rng.Pick(c.Account.Roles).Name)),
        IamRead("GetPolicyVersion", 5, (w, c) =>
        {
            w.WriteString("policyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess");
            w.WriteString("versionId", "v" + c.Rng.Next(1, 120));
        }),
        IamRead("ListAccessKeys", 4, (w, c) => w.WriteString("userName", c.Rng.Pick(c.Account.Users).Name)),
        IamRead("GetAccountSummary", 2, null),
        new ApiCall
        {
            Source = Sts, Name = "AssumeRole", ReadOnly = true, Weight = 60, ServiceCallable = true,
            Request = (w, c) =>
            {
                Principal role = c.Rng.Pick(c.Account.Roles);
                c.S1 = role.RoleArn;
                c.S2 = role.SessionName;
                c.S3 = role.RoleId;
                w.WriteString("roleArn", c.S1);
                w.WriteString("roleSessionName", c.S2);
                w.WriteNumber("durationSeconds", 3600);
            },
            Response = (w, c) =>
            {
                Json.Obj(w, "credentials", x =>
                {
                    x.WriteString("accessKeyId", Ids.Prefixed(c.Rng, "ASIA", 20));
                    x.WriteString("sessionToken", Ids.MixedAlnum(c.Rng, 120));
                    x.WriteString("expiration", c.Time.AddHours(1).ToString("MMM d, yyyy, h:mm:ss tt", System.Globalization.CultureInfo.InvariantCulture));
                });
                Json.Obj(w, "assumedRoleUser", x =>
                {
                    x.WriteString("assumedRoleId", c.S3 + ":" + c.S2);
                    x.WriteString("arn", c.S1.Replace(":iam::", ":sts::").Replace(":role/", ":assumed-role/") + "/" + c.S2);
                });
            },
            Resources = (w, c) =>
            {
                Json.Resource(w, c.Account.Id, "AWS::IAM::Role", c.S1);
            },
            ErrorCodes = ["AccessDenied"],
        },
        new ApiCall
        {
            Source = Sts, Name = "AssumeRoleWithWebIdentity", ReadOnly = true, Weight = 8,
            Request = (w, c) =>
            {
                c.S1 = c.Account.Roles[6].RoleArn;
                w.WriteString("roleArn", c.S1);
                w.WriteString("roleSessionName", "botocore-session-" + c.Rng.Next(1_700_000_000, 1_730_000_000));
            },
            Resources = (w, c) => Json.Resource(w, c.Account.Id, "AWS::IAM::Role", c.S1),
        },
        new ApiCall { Source = Sts, Name = "GetCallerIdentity", ReadOnly = true, Weight = 25 },
        new ApiCall { Source = Sts, Name = "GetSessionToken", ReadOnly = true, Weight = 2, Global = true,
            Request = (w, c) => w.WriteNumber("durationSeconds", 43200) },
        KmsCall("Decrypt", 70, (w, c) =>
        {
            w.WriteString("encryptionAlgorithm", "SYMMETRIC_DEFAULT");
            Json.Obj(w, "encryptionContext", x => x.WriteString("aws:s3:arn", "arn:aws:s3:::" + c.Rng.Pick(c.Account.Buckets)));
        }),
        KmsCall("GenerateDataKey", 35, (w, c) =>
        {
            w.WriteString("keyId", c.Arn("kms", "key/" + c.S1));
            w.WriteString("keySpec", "AES_256");
            Json.Obj(w, "encryptionContext", x => x.WriteString("aws:lambda:FunctionArn", c.Arn("lambda", "function:" + c.Rng.Pick(c.Account.Functions))));
        }),
        KmsCall("Encrypt", 5, (w, c) =>
        {
            w.WriteString("keyId", "alias/app-secrets");
            w.WriteString("encryptionAlgorithm", "SYMMETRIC_DEFAULT");
        }),
        KmsCall("DescribeKey", 8, (w, c) => w.WriteString("keyId", c.S1)),
        new ApiCall
        {
            Source = "secretsmanager.amazonaws.com", Name = "GetSecretValue", ReadOnly = true, Weight = 12,
            Request = (w, c) => w.WriteString("secretId", c.Rng.Pick(c.Account.Secrets)),
        },
        new ApiCall
        {
            Source = "secretsmanager.amazonaws.com", Name = "DescribeSecret", ReadOnly = true, Weight = 4,
            Request = (w, c) => w.WriteString("secretId", c.Rng.Pick(c.Account.Secrets)),
        },
        Ssm("GetParameter", 12, (w, c) =>
        {
            w.WriteString("name", "/prod/app/" + c.Rng.Pick(["db-host", "feature-flags", "api-url"]));
            w.WriteBoolean("withDecryption", true);
        }),
        Ssm("GetParameters", 8, (w, c) =>
        {
            Json.Strings(w, "names", "/prod/app/db-host", "/prod/app/api-url");
            w.WriteBoolean("withDecryption", false);
        }),
        Ssm("DescribeInstanceInformation", 15, (w, c) => w.WriteNumber("maxResults", 50)),
        Ssm("UpdateInstanceInformation", 15, (w, c) =>
        {
            w.WriteString("instanceId", c.Rng.Pick(c.Account.Instances));
            w.WriteString("agentVersion", "3.3.131.0");
            w.WriteString("platformType", "Linux");
        }, readOnly: false),
        Ssm("ListAssociations", 6, (w, c) => w.WriteNumber("maxResults", 50)),
    ];

    private static ApiCall IamRead(string name, int weight, BodyWriter? request) => new()
    {
        Source = Iam, Name = name, ReadOnly = true, Weight = weight, Global = true, Request = request,
        ErrorCodes = ["AccessDenied", "NoSuchEntity"],
    };

    private static ApiCall KmsCall(string name, int weight, BodyWriter request) => new()
    {
        Source = Kms, Name = name, ReadOnly = true, Weight = weight, ServiceCallable = true,
        ErrorCodes = ["AccessDeniedException"],
        Request = (w, c) =>
        {
            c.S1 = c.Rng.Pick(c.Account.KmsKeys);
            request(w, c);
        },
        Resources = (w, c) => Json.Resource(w, c.Account.Id, "AWS::KMS::Key", c.Arn("kms", "key/" + c.S1)),
    };

    private static ApiCall Ssm(string name, int weight, BodyWriter request, bool readOnly = true) => new()
    {
        Source = "ssm.amazonaws.com", Name = name, ReadOnly = readOnly, Weight = weight, Request = request,
        ErrorCodes = ["AccessDeniedException", "ThrottlingException"],
    };
}
