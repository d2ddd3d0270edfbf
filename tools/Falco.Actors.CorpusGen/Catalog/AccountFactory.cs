namespace Falco.Actors.CorpusGen.Catalog;

using Falco.Actors.CorpusGen.Generation;

/// <summary>Builds the accounts of a corpus, with names drawn from small realistic pools.</summary>
public static class AccountFactory
{
    private static readonly string[] UserNames =
        ["alice", "bob", "carol.ops", "dave", "erin.sec", "frank", "ci-deploy", "terraform", "backup-svc", "grafana-reader"];

    private static readonly string[] RoleNames =
        ["DevOpsAdmin", "PlatformDeployer", "OrganizationAccountAccessRole", "ReadOnlyAuditor", "app-api-ecs-task-role",
         "etl-lambda-exec", "eks-node-group-role", "github-actions-deploy", "datadog-integration", "AWSServiceRoleForConfig"];

    private static readonly string[] SessionNames =
        ["i-0a1b2c3d4e5f60718", "botocore-session-1722511821", "aws-go-sdk-1722375070115152000", "GitHubActions",
         "DatadogAWSIntegration", "AWSConfig-Describe", "etl-lambda-exec", "terraform-run-8812", "ecs-task-7f3e", "eks-node"];

    private static readonly string[] ServiceHosts =
        ["lambda.amazonaws.com", "ec2.amazonaws.com", "ecs-tasks.amazonaws.com", "cloudformation.amazonaws.com",
         "autoscaling.amazonaws.com", "elasticloadbalancing.amazonaws.com", "config.amazonaws.com", "s3.amazonaws.com"];

    private static readonly string[] SdkAgents =
        ["aws-cli/2.15.30 Python/3.11.8 Linux/6.1.79-99.164.amzn2023.x86_64 exe/x86_64.amzn.2023 prompt/off",
         "Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10.210-201.852.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.69",
         "aws-sdk-go-v2/1.26.1 os/linux lang/go#1.22.1 md/GOOS#linux md/GOARCH#amd64 exec-env/AWS_ECS_FARGATE",
         "APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.42.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.26.0 os/linux lang/go#1.21.8",
         "aws-sdk-java/2.25.11 Linux/5.10.210-201.852.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10 vendor/Amazon.com_Inc. exec-env/AWS_Lambda_java17 io/sync http/Apache cfg/retry-mode/legacy",
         "aws-sdk-nodejs/2.1583.0 linux/v20.11.1 exec-env/AWS_Lambda_nodejs20.x promise"];

    public const string ConsoleAgent =
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";

    private static readonly string[] BucketStems = ["app-assets", "data-lake-raw", "terraform-state", "backups", "access-logs", "ml-artifacts"];
    private static readonly string[] FunctionNames = ["orders-api", "image-resizer", "etl-nightly", "slack-notifier", "cost-report", "auth-authorizer"];
    private static readonly string[] ClusterNames = ["prod-web", "batch-workers", "staging"];
    private static readonly string[] TableNames = ["orders", "sessions", "inventory", "feature-flags"];
    private static readonly string[] LogGroupNames =
        ["/aws/lambda/orders-api", "/aws/lambda/etl-nightly", "/ecs/prod-web", "/aws/eks/prod/cluster", "/var/log/secure"];

    public static Account Create(string accountId, ulong seed)
    {
        var rng = new Rng(seed, ulong.Parse(accountId) ^ 0xACC0);
        string Ip() => rng.Next(3) switch
        {
            0 => $"203.0.113.{rng.Next(1, 255)}",
            1 => $"198.51.100.{rng.Next(1, 255)}",
            _ => $"192.0.2.{rng.Next(1, 255)}",
        };
        var users = UserNames.Select((name, i) => new Principal
        {
            Type = IdentityType.IAMUser, AccountId = accountId, Name = name,
            Arn = $"arn:aws:iam::{accountId}:user/{name}", PrincipalId = Ids.Prefixed(rng, "AIDA", 21),
            AccessKeyId = Ids.Prefixed(rng, "AKIA", 20), SourceIp = Ip(), UserAgent = SdkAgents[i % SdkAgents.Length],
            Human = !name.Contains('-'),
        }).ToArray();
        var roles = RoleNames.Select((name, i) => AssumedRole(rng, accountId, name, SessionNames[i], Ip(), SdkAgents[(i + 2) % SdkAgents.Length], false)).ToArray();
        var services = ServiceHosts.Select(host => new Principal
        {
            Type = IdentityType.AWSService, AccountId = accountId, Name = host, SourceIp = host, UserAgent = host,
        }).ToArray();
        string tag = Ids.HexString(rng, 4);
        return new Account
        {
            Id = accountId,
            CanonicalUserId = Ids.HexString(rng, 64),
            Users = users,
            Roles = roles,
            Services = services,
            Root = new Principal
            {
                Type = IdentityType.Root, AccountId = accountId, Name = "root", Arn = $"arn:aws:iam::{accountId}:root",
                PrincipalId = accountId, AccessKeyId = null, SourceIp = Ip(), UserAgent = ConsoleAgent, Human = true,
            },
            Federated = new Principal
            {
                Type = IdentityType.FederatedUser, AccountId = accountId, Name = "build-bot",
                Arn = $"arn:aws:sts::{accountId}:federated-user/build-bot", PrincipalId = $"{accountId}:build-bot",
                RoleId = Ids.Prefixed(rng, "AIDA", 21),
                SourceIp = Ip(), UserAgent = SdkAgents[1],
            },
            SsoAdmin = AssumedRole(rng, accountId, "AWSReservedSSO_AdministratorAccess_" + Ids.HexString(rng, 16),
                "maria.lopez@example.com", Ip(), ConsoleAgent, true),
            Buckets = BucketStems.Select(b => $"acme-{b}-{accountId}").ToArray(),
            Functions = FunctionNames,
            Clusters = ClusterNames,
            Tables = TableNames,
            KmsKeys = Enumerable.Range(0, 4).Select(_ => Ids.Guid(rng)).ToArray(),
            LogGroups = LogGroupNames,
            Instances = Enumerable.Range(0, 12).Select(_ => Ids.Ec2(rng, "i")).ToArray(),
            SecurityGroups = Enumerable.Range(0, 5).Select(_ => Ids.Ec2(rng, "sg")).ToArray(),
            Subnets = Enumerable.Range(0, 4).Select(_ => Ids.Ec2(rng, "subnet")).ToArray(),
            Images = Enumerable.Range(0, 3).Select(_ => Ids.Ec2(rng, "ami")).ToArray(),
            Secrets = ["prod/db/password", "prod/api/stripe-key", "staging/db/password"],
            Queues = ["orders-events", "etl-jobs", "dead-letter"],
            VpcId = Ids.Ec2(rng, "vpc"),
            VpcEndpointId = Ids.Ec2(rng, "vpce"),
            TrailName = "management-events",
            TrailBucket = $"aws-cloudtrail-logs-{accountId}-{tag}",
        };
    }

    private static Principal AssumedRole(Rng rng, string accountId, string role, string session, string ip, string agent, bool human)
    {
        string roleId = Ids.Prefixed(rng, "AROA", 21);
        return new Principal
        {
            Type = IdentityType.AssumedRole, AccountId = accountId, Name = role, RoleId = roleId, SessionName = session,
            Arn = $"arn:aws:sts::{accountId}:assumed-role/{role}/{session}", PrincipalId = $"{roleId}:{session}",
            SourceIp = ip, UserAgent = agent, Human = human,
        };
    }
}
