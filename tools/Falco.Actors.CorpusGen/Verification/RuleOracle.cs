namespace Falco.Actors.CorpusGen.Verification;

using System.Text.Json;
using Falco.Actors.CorpusGen.Scenarios;
using R = Falco.Actors.CorpusGen.Scenarios.RuleNames;

/// <summary>
/// An independent reading of each rule's condition over a parsed record, written from the rule text
/// (Falco's aws_cloudtrail_rules.yaml and the additions' descriptions), not from the generator's intent.
/// The verifier compares its counts with the manifest's, so a planted record that does not really satisfy its
/// rule (or a benign record that accidentally does) is caught.
/// </summary>
public static class RuleOracle
{
    public static IEnumerable<string> Matches(JsonElement r)
    {
        string name = Str(r, "eventName") ?? "";
        string source = Str(r, "eventSource") ?? "";
        bool ok = !r.TryGetProperty("errorCode", out _);
        string? type = Str(r, "userIdentity", "type");
        string? login = Str(r, "responseElements", "ConsoleLogin");
        string? mfa = Str(r, "additionalEventData", "MFAUsed");

        if (name == "ConsoleLogin")
        {
            if (ok && type == "AssumedRole" && login == "Success") yield return R.ConsoleLoginThroughAssumeRole;
            if (ok && type is not null && type != "AssumedRole" && login == "Success" && mfa == "No") yield return R.ConsoleLoginWithoutMfa;
            if (ok && type == "Root" && login == "Success" && mfa == "No") yield return R.ConsoleRootLoginWithoutMfa;
            if (login == "Failure") yield return R.ConsoleLoginFailure;
        }
        else if (type == "Root") yield return R.RootAccountActivity;

        if (!ok) yield break;
        switch (name)
        {
            case "DeactivateMFADevice" when type == "Root" && Str(r, "requestParameters", "userName") == "AWS ROOT USER":
                yield return R.DeactivateMfaForRoot; break;
            case "CreateUser": yield return R.CreateAwsUser; break;
            case "CreateGroup": yield return R.CreateGroup; break;
            case "DeleteGroup": yield return R.DeleteGroup; break;
            case "CreateService" when source == "ecs.amazonaws.com": yield return R.EcsServiceCreated; break;
            case "RunTask" or "StartTask" when source == "ecs.amazonaws.com": yield return R.EcsTaskRunOrStarted; break;
            case "CreateFunction20150331": yield return R.CreateLambdaFunction; break;
            case "UpdateFunctionCode20150331v2": yield return R.UpdateLambdaFunctionCode; break;
            case "UpdateFunctionConfiguration20150331v2": yield return R.UpdateLambdaFunctionConfiguration; break;
            case "RunInstances":
                yield return R.RunInstances;
                if (Str(r, "awsRegion") != "us-east-0") yield return R.RunInstancesNonApprovedRegion;
                break;
            case "DeleteBucketEncryption": yield return R.DeleteBucketEncryption; break;
            case "PutBucketPublicAccessBlock" when PublicAccessBlockRemoved(r): yield return R.DeleteBucketPublicAccessBlock; break;
            case "ListBuckets": yield return R.ListBuckets; break;
            case "PutBucketAcl":
                yield return R.PutBucketAcl;
                if (AclIsPublic(r)) yield return R.S3BucketMadePublic;
                break;
            case "PutBucketPolicy":
                yield return R.PutBucketPolicy;
                if (PolicyIsPublic(r)) yield return R.S3BucketMadePublic;
                break;
            case "CreateTrail": yield return R.CloudTrailTrailCreated; break;
            case "StopLogging": yield return R.CloudTrailLoggingDisabled; break;
            case "DeleteTrail": yield return R.CloudTrailTrailDeleted; break;
            case "UpdateTrail": yield return R.CloudTrailTrailUpdated; break;
            case "PutEventSelectors": yield return R.CloudTrailEventSelectorsChanged; break;
            case "CreateAccessKey" when Str(r, "requestParameters", "userName") is { } target && target != CtUser(r):
                yield return R.AccessKeyForAnotherUser; break;
            case "AttachUserPolicy" or "AttachRolePolicy" or "AttachGroupPolicy"
                when Str(r, "requestParameters", "policyArn")?.EndsWith("AdministratorAccess", StringComparison.Ordinal) == true:
                yield return R.AdministratorPolicyAttached; break;
            case "AuthorizeSecurityGroupIngress" when OpensToWorld(r): yield return R.SecurityGroupOpenToInternet; break;
            case "DeleteDetector" when source == "guardduty.amazonaws.com": yield return R.GuardDutyDetectorDeleted; break;
            case "ScheduleKeyDeletion": yield return R.KmsKeyScheduledForDeletion; break;
        }
    }

    /// <summary>ct.user: userName for Root/IAMUser, the session issuer's name for AssumedRole.</summary>
    private static string? CtUser(JsonElement r) => Str(r, "userIdentity", "type") switch
    {
        "Root" or "IAMUser" => Str(r, "userIdentity", "userName"),
        "AssumedRole" => Str(r, "userIdentity", "sessionContext", "sessionIssuer", "userName") ?? "AssumedRole",
        "AWSService" => Str(r, "userIdentity", "invokedBy"),
        _ => null,
    };

    private static bool PublicAccessBlockRemoved(JsonElement r)
    {
        if (Str(r, "requestParameters", "publicAccessBlock") != "") return false;
        if (!TryGet(r, out JsonElement config, "requestParameters", "PublicAccessBlockConfiguration")) return false;
        foreach (string flag in (string[])["RestrictPublicBuckets", "BlockPublicPolicy", "BlockPublicAcls", "IgnorePublicAcls"])
            if (config.TryGetProperty(flag, out JsonElement v) && v.ValueKind == JsonValueKind.False) return true;
        return false;
    }

    private static bool AclIsPublic(JsonElement r)
    {
        if (!TryGet(r, out JsonElement grants, "requestParameters", "AccessControlPolicy", "AccessControlList", "Grant")) return false;
        foreach (JsonElement g in grants.ValueKind == JsonValueKind.Array ? grants.EnumerateArray() : Enumerable.Repeat(grants, 1))
            if (Str(g, "Grantee", "URI") is { } uri && (uri.EndsWith("/AllUsers", StringComparison.Ordinal) || uri.EndsWith("/AuthenticatedUsers", StringComparison.Ordinal)))
                return true;
        return false;
    }

    private static bool PolicyIsPublic(JsonElement r)
    {
        if (!TryGet(r, out JsonElement statements, "requestParameters", "bucketPolicy", "Statement")) return false;
        foreach (JsonElement s in statements.EnumerateArray())
        {
            if (!s.TryGetProperty("Principal", out JsonElement p)) continue;
            if (p.ValueKind == JsonValueKind.String && p.GetString() == "*") return true;
            if (Str(p, "AWS") == "*") return true;
        }
        return false;
    }

    private static bool OpensToWorld(JsonElement r)
    {
        if (Str(r, "requestParameters", "cidrIp") == "0.0.0.0/0") return true;
        if (!TryGet(r, out JsonElement items, "requestParameters", "ipPermissions", "items")) return false;
        foreach (JsonElement permission in items.EnumerateArray())
            if (TryGet(permission, out JsonElement ranges, "ipRanges", "items"))
                foreach (JsonElement range in ranges.EnumerateArray())
                    if (Str(range, "cidrIp") == "0.0.0.0/0") return true;
        return false;
    }

    public static string? Str(JsonElement e, params string[] path) =>
        TryGet(e, out JsonElement v, path) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static bool TryGet(JsonElement e, out JsonElement value, params string[] path)
    {
        value = e;
        foreach (string p in path)
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(p, out value)) return false;
        }
        return true;
    }
}
