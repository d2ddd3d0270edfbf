namespace Falco.Actors.CorpusGen.Scenarios;

/// <summary>
/// The rules the corpus carries triggers for: Falco's aws_cloudtrail_rules.yaml (names as in that file) and the
/// Falco.Actors additions. The manifest counts records that satisfy each rule's condition; the verifier checks
/// those counts against its own reading of the records (<see cref="Verification.RuleOracle"/>).
/// </summary>
public static class RuleNames
{
    public const string ConsoleLoginThroughAssumeRole = "Console Login Through Assume Role";
    public const string ConsoleLoginWithoutMfa = "Console Login Without MFA";
    public const string ConsoleRootLoginWithoutMfa = "Console Root Login Without MFA";
    public const string DeactivateMfaForRoot = "Deactivate MFA for Root User";
    public const string CreateAwsUser = "Create AWS user";
    public const string CreateGroup = "Create Group";
    public const string DeleteGroup = "Delete Group";
    public const string EcsServiceCreated = "ECS Service Created";
    public const string EcsTaskRunOrStarted = "ECS Task Run or Started";
    public const string CreateLambdaFunction = "Create Lambda Function";
    public const string UpdateLambdaFunctionCode = "Update Lambda Function Code";
    public const string UpdateLambdaFunctionConfiguration = "Update Lambda Function Configuration";
    public const string RunInstances = "Run Instances";
    public const string RunInstancesNonApprovedRegion = "Run Instances in Non-approved Region";
    public const string DeleteBucketEncryption = "Delete Bucket Encryption";
    public const string DeleteBucketPublicAccessBlock = "Delete Bucket Public Access Block";
    public const string ListBuckets = "List Buckets";
    public const string PutBucketAcl = "Put Bucket ACL";
    public const string PutBucketPolicy = "Put Bucket Policy";
    public const string CloudTrailTrailCreated = "CloudTrail Trail Created";
    public const string CloudTrailLoggingDisabled = "CloudTrail Logging Disabled";

    // Falco.Actors additions (names are this corpus's; the rule files may word them differently).
    public const string CloudTrailTrailDeleted = "CloudTrail Trail Deleted";
    public const string CloudTrailTrailUpdated = "CloudTrail Trail Updated";
    public const string CloudTrailEventSelectorsChanged = "CloudTrail Event Selectors Changed";
    public const string AccessKeyForAnotherUser = "Access Key Created For Another User";
    public const string AdministratorPolicyAttached = "Administrator Policy Attached";
    public const string RootAccountActivity = "Root Account Activity";
    public const string ConsoleLoginFailure = "Console Login Failure";
    public const string SecurityGroupOpenToInternet = "Security Group Opened To Internet";
    public const string GuardDutyDetectorDeleted = "GuardDuty Detector Deleted";
    public const string S3BucketMadePublic = "S3 Bucket Made Public";
    public const string KmsKeyScheduledForDeletion = "KMS Key Scheduled For Deletion";

    /// <summary>Every rule in the order the manifest lists them (Falco's file order, then the additions).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ConsoleLoginThroughAssumeRole, ConsoleLoginWithoutMfa, ConsoleRootLoginWithoutMfa, DeactivateMfaForRoot,
        CreateAwsUser, CreateGroup, DeleteGroup, EcsServiceCreated, EcsTaskRunOrStarted, CreateLambdaFunction,
        UpdateLambdaFunctionCode, UpdateLambdaFunctionConfiguration, RunInstances, RunInstancesNonApprovedRegion,
        DeleteBucketEncryption, DeleteBucketPublicAccessBlock, ListBuckets, PutBucketAcl, PutBucketPolicy,
        CloudTrailTrailCreated, CloudTrailLoggingDisabled,
        CloudTrailTrailDeleted, CloudTrailTrailUpdated, CloudTrailEventSelectorsChanged, AccessKeyForAnotherUser,
        AdministratorPolicyAttached, RootAccountActivity, ConsoleLoginFailure, SecurityGroupOpenToInternet,
        GuardDutyDetectorDeleted, S3BucketMadePublic, KmsKeyScheduledForDeletion,
    ];
}
