namespace Falco.Actors.CorpusGen.Catalog;

using System.Text.Json;
using Falco.Actors.CorpusGen.Generation;

/// <summary>Benign EC2, ECS, Auto Scaling and load-balancer calls.</summary>
public static class ComputeCalls
{
    private const string Ec2 = "ec2.amazonaws.com";
    private static readonly string[] Ec2Errors = ["Client.UnauthorizedOperation", "Client.RequestLimitExceeded"];

    public static IReadOnlyList<ApiCall> All { get; } =
    [
        Describe("DescribeInstances", 70, (w, c) =>
        {
            Json.Items(w, "instancesSet", "instanceId", c.Rng.Pick(c.Account.Instances));
            Json.Empty(w, "filterSet");
        }),
        Describe("DescribeInstanceStatus", 18, (w, c) =>
        {
            Json.Empty(w, "instancesSet");
            Json.Empty(w, "filterSet");
            w.WriteBoolean("includeAllInstances", true);
        }),
        Describe("DescribeSecurityGroups", 20, (w, c) =>
        {
            Json.Items(w, "securityGroupIdSet", "groupId", c.Rng.Pick(c.Account.SecurityGroups));
            Json.Empty(w, "securityGroupSet");
            Json.Empty(w, "filterSet");
        }),
        Describe("DescribeVolumes", 15, (w, c) =>
        {
            Json.Empty(w, "volumeSet");
            Json.Items(w, "filterSet", "name", "attachment.instance-id");
        }),
        Describe("DescribeSubnets", 10, (w, c) =>
        {
            Json.Empty(w, "subnetSet");
            Json.Items(w, "filterSet", "name", "vpc-id");
        }),
        Describe("DescribeVpcs", 8, (w, c) => Json.Empty(w, "vpcSet")),
        Describe("DescribeNetworkInterfaces", 12, (w, c) =>
        {
            Json.Empty(w, "networkInterfaceIdSet");
            Json.Items(w, "filterSet", "name", "group-id");
        }),
        Describe("DescribeImages", 6, (w, c) =>
        {
            Json.Empty(w, "executableBySet");
            Json.Items(w, "imagesSet", "imageId", c.Rng.Pick(c.Account.Images));
            Json.Items(w, "ownersSet", "owner", "self");
        }),
        Describe("DescribeTags", 10, (w, c) => Json.Items(w, "filterSet", "name", "resource-id")),
        Describe("DescribeAddresses", 4, (w, c) => Json.Empty(w, "publicIpsSet")),
        new ApiCall
        {
            Source = Ec2, Name = "CreateTags", ReadOnly = false, Weight = 4, ServiceCallable = true, ErrorCodes = Ec2Errors,
            Request = (w, c) =>
            {
                Json.Items(w, "resourcesSet", "resourceId", c.Rng.Pick(c.Account.Instances));
                w.WritePropertyName("tagSet");
                w.WriteStartObject();
                w.WritePropertyName("items");
                w.WriteStartArray();
                w.WriteStartObject();
                w.WriteString("key", "aws:cloudformation:stack-name");
                w.WriteString("value", "prod-web-" + c.Rng.Next(10));
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            },
            Response = (w, c) =>
            {
                RecordWriter.WriteGuid(w, "requestId", c.Rng);
                w.WriteBoolean("_return", true);
            },
        },
        Ecs("DescribeServices", 10, (w, c) =>
        {
            w.WriteString("cluster", c.Rng.Pick(c.Account.Clusters));
            Json.Strings(w, "services", "web-" + c.Rng.Next(4));
        }),
        Ecs("DescribeTasks", 8, (w, c) =>
        {
            w.WriteString("cluster", c.Rng.Pick(c.Account.Clusters));
            Json.Strings(w, "tasks", Ids.HexString(c.Rng, 32));
        }),
        Ecs("ListTasks", 8, (w, c) =>
        {
            w.WriteString("cluster", c.Rng.Pick(c.Account.Clusters));
            w.WriteString("desiredStatus", "RUNNING");
        }),
        Ecs("DescribeClusters", 4, (w, c) => Json.Strings(w, "clusters", c.Rng.Pick(c.Account.Clusters))),
        Ecs("DescribeTaskDefinition", 4, (w, c) => w.WriteString("taskDefinition", "web:" + c.Rng.Next(1, 90))),
        new ApiCall
        {
            Source = "elasticloadbalancing.amazonaws.com", Name = "DescribeTargetHealth", ReadOnly = true, Weight = 10,
            ServiceCallable = true, ApiVersion = "2015-12-01",
            Request = (w, c) => w.WriteString("targetGroupArn", c.Arn("elasticloadbalancing", "targetgroup/prod-web/" + Ids.HexString(c.Rng, 16))),
        },
        new ApiCall
        {
            Source = "elasticloadbalancing.amazonaws.com", Name = "DescribeLoadBalancers", ReadOnly = true, Weight = 5,
            ApiVersion = "2015-12-01",
            Request = (w, c) => w.WriteNumber("pageSize", 400),
        },
        new ApiCall
        {
            Source = "autoscaling.amazonaws.com", Name = "DescribeAutoScalingGroups", ReadOnly = true, Weight = 8,
            ServiceCallable = true,
            Request = (w, c) => Json.Strings(w, "autoScalingGroupNames", "eks-prod-nodes-" + Ids.HexString(c.Rng, 8)),
        },
    ];

    private static ApiCall Describe(string name, int weight, BodyWriter request) => new()
    {
        Source = Ec2, Name = name, ReadOnly = true, Weight = weight, ServiceCallable = true, ErrorCodes = Ec2Errors,
        Request = request,
    };

    private static ApiCall Ecs(string name, int weight, BodyWriter request) => new()
    {
        Source = "ecs.amazonaws.com", Name = name, ReadOnly = true, Weight = weight, Request = request,
        ErrorCodes = ["AccessDenied", "ThrottlingException"],
    };
}
