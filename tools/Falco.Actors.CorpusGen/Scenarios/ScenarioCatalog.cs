namespace Falco.Actors.CorpusGen.Scenarios;

using Falco.Actors.CorpusGen.Catalog;
using Falco.Actors.CorpusGen.Generation;
using R = RuleNames;

/// <summary>Every planted record kind: one or more triggers per rule and the near misses beside them.</summary>
public static class ScenarioCatalog
{
    private static readonly string[] None = [];
    private static readonly ApiCall[] IamReads = IdentityCalls.All.Where(a => a.Source == "iam.amazonaws.com").ToArray();
    private static readonly string[] InstanceTypes = ["t3.micro", "m5.large", "c6i.2xlarge", "p3.16xlarge", "g4dn.12xlarge"];

    public static IReadOnlyList<Scenario> All { get; } =
    [
        // Sign-in.
        new("console-login-assumed-role", true, true, [R.ConsoleLoginThroughAssumeRole], c => Login(c, c.Account.SsoAdmin, "Success", "No")),
        new("console-login-without-mfa", true, true, [R.ConsoleLoginWithoutMfa], c => Login(c, HumanUser(c), "Success", "No")),
        new("root-console-login-without-mfa", true, true, [R.ConsoleLoginWithoutMfa, R.ConsoleRootLoginWithoutMfa], c => Login(c, c.Account.Root, "Success", "No")),
        new("console-login-failure", true, true, [R.ConsoleLoginFailure], c =>
        {
            Login(c, HumanUser(c), "Failure", "No");
            c.ErrorMessage = "Failed authentication";
        }),
        new("near-miss:console-login-with-mfa", false, true, None, c => Login(c, HumanUser(c), "Success", "Yes")),
        new("near-miss:root-console-login-with-mfa", false, true, None, c => Login(c, c.Account.Root, "Success", "Yes")),

        // IAM.
        new("root-deactivate-mfa", true, true, [R.DeactivateMfaForRoot, R.RootAccountActivity], c =>
        {
            Use(c, SecurityCalls.DeactivateMfaDevice, c.Account.Root);
            c.S1 = "AWS ROOT USER";
            c.S2 = $"arn:aws:iam::{c.Account.Id}:mfa/root-account-mfa-device";
        }),
        new("near-miss:user-deactivate-mfa", false, true, None, c =>
        {
            Use(c, SecurityCalls.DeactivateMfaDevice, c.Account.PickWriter(c.Rng));
            c.S1 = c.Rng.Pick(c.Account.Users).Name;
            c.S2 = $"arn:aws:iam::{c.Account.Id}:mfa/{c.S1}";
        }),
        new("root-api-activity", true, true, [R.RootAccountActivity], c =>
        {
            Use(c, c.Rng.Pick(IamReads), c.Account.Root);
        }),
        new("create-user", true, true, [R.CreateAwsUser], c => { Use(c, SecurityCalls.CreateUser, Writer(c)); c.S1 = NewName(c, "svc-"); }),
        new("near-miss:create-user-failed", false, true, None, c =>
        {
            Use(c, SecurityCalls.CreateUser, Writer(c));
            c.S1 = c.Rng.Pick(c.Account.Users).Name;
            c.Deny("EntityAlreadyExists");
        }),
        new("create-group", true, true, [R.CreateGroup], c => { Use(c, SecurityCalls.CreateGroup, Writer(c)); c.S1 = NewName(c, "team-"); }),
        new("delete-group", true, true, [R.DeleteGroup], c => { Use(c, SecurityCalls.DeleteGroup, Writer(c)); c.S1 = NewName(c, "team-"); }),
        new("near-miss:delete-group-failed", false, true, None, c =>
        {
            Use(c, SecurityCalls.DeleteGroup, Writer(c));
            c.S1 = "developers";
            c.Deny("DeleteConflict");
        }),
        new("create-access-key-for-other-user", true, true, [R.AccessKeyForAnotherUser], c =>
        {
            Principal caller = Writer(c);
            Use(c, SecurityCalls.CreateAccessKey, caller);
            c.S1 = c.Account.Users.First(u => u.Name != caller.Name).Name;
        }),
        new("near-miss:create-access-key-for-self", false, true, None, c =>
        {
            Principal self = HumanUser(c);
            Use(c, SecurityCalls.CreateAccessKey, self);
            c.S1 = c.Rng.Next(2) == 0 ? self.Name : "";
        }),
        new("attach-admin-policy-to-user", true, true, [R.AdministratorPolicyAttached], c => Attach(c, "AttachUserPolicy", "userName", c.Rng.Pick(c.Account.Users).Name, "AdministratorAccess")),
        new("attach-admin-policy-to-role", true, true, [R.AdministratorPolicyAttached], c => Attach(c, "AttachRolePolicy", "roleName", c.Rng.Pick(c.Account.Roles).Name, "AdministratorAccess")),
        new("attach-admin-policy-to-group", true, true, [R.AdministratorPolicyAttached], c => Attach(c, "AttachGroupPolicy", "groupName", "developers", "AdministratorAccess")),
        new("near-miss:attach-readonly-policy", false, true, None, c => Attach(c, "AttachRolePolicy", "roleName", c.Rng.Pick(c.Account.Roles).Name, "ReadOnlyAccess")),
        new("near-miss:attach-admin-policy-denied", false, true, None, c =>
        {
            Attach(c, "AttachUserPolicy", "userName", c.Rng.Pick(c.Account.Users).Name, "AdministratorAccess");
            c.Deny("AccessDenied");
        }),

        // CloudTrail.
        new("create-trail", true, false, [R.CloudTrailTrailCreated], c => { Use(c, SecurityCalls.CreateTrail, Writer(c)); c.S1 = NewName(c, "audit-"); c.N1 = c.Rng.Next(2); }),
        new("stop-logging", true, false, [R.CloudTrailLoggingDisabled], c => { Use(c, SecurityCalls.StopLogging, Writer(c)); c.S1 = c.Account.TrailName; }),
        new("near-miss:stop-logging-denied", false, false, None, c =>
        {
            Use(c, SecurityCalls.StopLogging, Writer(c));
            c.S1 = c.Account.TrailName;
            c.Deny("AccessDeniedException");
        }),
        new("near-miss:start-logging", false, false, None, c => { Use(c, SecurityCalls.StartLogging, Writer(c)); c.S1 = c.Account.TrailName; }),
        new("delete-trail", true, false, [R.CloudTrailTrailDeleted], c => { Use(c, SecurityCalls.DeleteTrail, Writer(c)); c.S1 = c.Account.TrailName; }),
        new("near-miss:delete-trail-not-found", false, false, None, c =>
        {
            Use(c, SecurityCalls.DeleteTrail, Writer(c));
            c.S1 = NewName(c, "old-trail-");
            c.Deny("TrailNotFoundException");
            c.ErrorMessage = $"Unknown trail: {c.S1} for the user: {c.Account.Id}";
        }),
        new("update-trail", true, false, [R.CloudTrailTrailUpdated], c => { Use(c, SecurityCalls.UpdateTrail, Writer(c)); c.S1 = c.Account.TrailName; }),
        new("put-event-selectors", true, false, [R.CloudTrailEventSelectorsChanged], c => { Use(c, SecurityCalls.PutEventSelectors, Writer(c)); c.S1 = c.Account.TrailName; }),

        // EC2.
        new("run-instances", true, false, [R.RunInstances, R.RunInstancesNonApprovedRegion], c => Launch(c)),
        new("near-miss:run-instances-failed", false, false, None, c =>
        {
            Launch(c);
            c.Deny(c.Rng.Next(2) == 0 ? "Client.UnauthorizedOperation" : "Server.InsufficientInstanceCapacity");
            if (c.ErrorCode == "Server.InsufficientInstanceCapacity")
                c.ErrorMessage = $"We currently do not have sufficient {c.S2} capacity in the Availability Zone you requested ({c.S1}).";
        }),
        new("security-group-open-to-world", true, false, [R.SecurityGroupOpenToInternet], c => Ingress(c, "0.0.0.0/0")),
        new("near-miss:security-group-internal-cidr", false, false, None, c => Ingress(c, "10.0.0.0/8")),

        // S3.
        new("delete-bucket-encryption", true, false, [R.DeleteBucketEncryption], c => OnBucket(c, WorkloadCalls.DeleteBucketEncryption, 0)),
        new("near-miss:delete-bucket-encryption-denied", false, false, None, c =>
        {
            OnBucket(c, WorkloadCalls.DeleteBucketEncryption, 0);
            c.Deny("AccessDenied");
            c.ErrorMessage = "Access Denied";
        }),
        new("delete-bucket-public-access-block", true, false, [R.DeleteBucketPublicAccessBlock], c => OnBucket(c, WorkloadCalls.PutBucketPublicAccessBlock, 0)),
        new("near-miss:enable-bucket-public-access-block", false, false, None, c => OnBucket(c, WorkloadCalls.PutBucketPublicAccessBlock, 1)),
        new("list-buckets", true, false, [R.ListBuckets], c => Use(c, WorkloadCalls.ListBuckets, c.Account.PickBenignCaller(c.Rng) is { Type: not IdentityType.AWSService } p ? p : Writer(c))),
        new("put-bucket-acl-private", true, false, [R.PutBucketAcl], c => OnBucket(c, WorkloadCalls.PutBucketAcl, 0)),
        new("put-bucket-acl-public", true, false, [R.PutBucketAcl, R.S3BucketMadePublic], c =>
        {
            OnBucket(c, WorkloadCalls.PutBucketAcl, 1);
            c.S3 = c.Rng.Next(3) == 0 ? "auth" : "all";
        }),
        new("put-bucket-policy-private", true, false, [R.PutBucketPolicy], c => OnBucket(c, WorkloadCalls.PutBucketPolicy, 0)),
        new("put-bucket-policy-public", true, false, [R.PutBucketPolicy, R.S3BucketMadePublic], c => OnBucket(c, WorkloadCalls.PutBucketPolicy, 1)),

        // ECS and Lambda.
        new("ecs-create-service", true, false, [R.EcsServiceCreated], c => Ecs(c, WorkloadCalls.CreateService)),
        new("ecs-run-task", true, false, [R.EcsTaskRunOrStarted], c => Ecs(c, WorkloadCalls.RunTask)),
        new("ecs-start-task", true, false, [R.EcsTaskRunOrStarted], c => Ecs(c, WorkloadCalls.StartTask)),
        new("near-miss:ecs-run-task-denied", false, false, None, c =>
        {
            Ecs(c, WorkloadCalls.RunTask);
            c.Deny("AccessDeniedException");
        }),
        new("lambda-create-function", true, false, [R.CreateLambdaFunction], c => Function(c, WorkloadCalls.CreateFunction, NewName(c, "fn-"))),
        new("lambda-update-function-code", true, false, [R.UpdateLambdaFunctionCode], c => Function(c, WorkloadCalls.UpdateFunctionCode, c.Rng.Pick(c.Account.Functions))),
        new("lambda-update-function-configuration", true, false, [R.UpdateLambdaFunctionConfiguration], c => Function(c, WorkloadCalls.UpdateFunctionConfiguration, c.Rng.Pick(c.Account.Functions))),
        new("near-miss:lambda-create-function-denied", false, false, None, c =>
        {
            Function(c, WorkloadCalls.CreateFunction, NewName(c, "fn-"));
            c.Deny("AccessDeniedException");
        }),

        // GuardDuty and KMS.
        new("guardduty-delete-detector", true, false, [R.GuardDutyDetectorDeleted], c => Use(c, WorkloadCalls.DeleteDetector, Writer(c))),
        new("near-miss:guardduty-delete-detector-failed", false, false, None, c =>
        {
            Use(c, WorkloadCalls.DeleteDetector, Writer(c));
            c.Deny("BadRequestException");
            c.ErrorMessage = "The request is rejected because the input detectorId is not owned by the current account.";
        }),
        new("kms-schedule-key-deletion", true, false, [R.KmsKeyScheduledForDeletion], c =>
        {
            Use(c, WorkloadCalls.ScheduleKeyDeletion, Writer(c));
            c.S1 = c.Rng.Pick(c.Account.KmsKeys);
        }),
        new("near-miss:kms-cancel-key-deletion", false, false, None, c =>
        {
            Use(c, WorkloadCalls.CancelKeyDeletion, Writer(c));
            c.S1 = c.Rng.Pick(c.Account.KmsKeys);
        }),
    ];

    private static void Use(RecordContext c, ApiCall call, Principal caller) => c.Reset(call, caller);

    private static Principal Writer(RecordContext c) => c.Account.PickWriter(c.Rng);

    private static Principal HumanUser(RecordContext c) => c.Account.Users[c.Rng.Next(6)] is { Human: true } u ? u : c.Account.Users[0];

    private static string NewName(RecordContext c, string prefix) => prefix + Ids.HexString(c.Rng, 6);

    private static void Login(RecordContext c, Principal who, string outcome, string mfa)
    {
        c.Reset(SecurityCalls.ConsoleLogin, who);
        c.ConsoleSignIn = true;
        c.FromConsole = false;
        c.EventType = "AwsConsoleSignIn";
        c.UserAgent = AccountFactory.ConsoleAgent;
        c.S1 = outcome;
        c.S2 = mfa;
    }

    private static void Attach(RecordContext c, string api, string parameter, string target, string policy)
    {
        c.Reset(SecurityCalls.AttachPolicy(api), Writer(c));
        c.S1 = parameter;
        c.S2 = target;
        c.S3 = "arn:aws:iam::aws:policy/" + policy;
    }

    private static void Launch(RecordContext c)
    {
        c.Reset(SecurityCalls.RunInstances, Writer(c));
        c.S1 = c.Region + (char)('a' + c.Rng.Next(3));
        c.S2 = c.Rng.Pick(InstanceTypes);
    }

    private static void Ingress(RecordContext c, string cidr)
    {
        c.Reset(SecurityCalls.AuthorizeSecurityGroupIngress, Writer(c));
        c.S1 = cidr;
        c.N1 = c.Rng.Pick([22, 3389, 5432, 443]);
    }

    private static void OnBucket(RecordContext c, ApiCall call, long flag)
    {
        c.Reset(call, Writer(c));
        c.S1 = c.Rng.Pick(c.Account.Buckets);
        c.N1 = flag;
    }

    private static void Ecs(RecordContext c, ApiCall call)
    {
        c.Reset(call, Writer(c));
        c.S1 = c.Rng.Pick(c.Account.Clusters);
        c.S2 = c.Rng.Pick(["web", "worker", "migrations", "cron"]);
    }

    private static void Function(RecordContext c, ApiCall call, string name)
    {
        c.Reset(call, Writer(c));
        c.S1 = name;
    }
}
