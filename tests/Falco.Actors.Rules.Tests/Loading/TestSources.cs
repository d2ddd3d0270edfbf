using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Fields.Generic;
using Falco.Actors.Rules.Loading;

namespace Falco.Actors.Rules.Tests.Loading;

/// <summary>Field registries standing in for loaded plugins, and the repository's files.</summary>
internal static class TestSources
{
    public const string CloudTrail = "aws_cloudtrail";

    private static readonly string[] CtFields =
    [
        "ct.id", "ct.error", "ct.time", "ct.src", "ct.shortsrc", "ct.name", "ct.user", "ct.user.accountid",
        "ct.user.identitytype", "ct.user.principalid", "ct.user.arn", "ct.region", "ct.srcip", "ct.useragent",
        "ct.info", "ct.request.availabilityzone", "ct.request.cluster", "ct.request.functionname",
        "ct.request.groupname", "ct.request.host", "ct.request.name", "ct.request.policy",
        "ct.request.serialnumber", "ct.request.servicename", "ct.request.taskdefinition", "ct.request.username",
        "ct.response.subnetid", "ct.response.reservationid", "s3.bucket", "s3.key",
        // Read by the Falco.Actors additions to the CloudTrail rules file.
        "ct.request", "ct.errormessage", "ct.eventtype", "iam.role",
    ];

    /// <summary>The aws_cloudtrail source with the generic, cloudtrail and (optionally) json fields.</summary>
    public static FieldRegistry CloudTrailRegistry(bool withJson = true)
    {
        var registry = GenericEventFields.CreateRegistry(CloudTrail);
        registry.Add(new FieldProvider("cloudtrail", [.. CtFields.Select(n => new FieldInfo(n, FieldType.String, n))]));
        if (withJson)
        {
            registry.Add(new FieldProvider("json",
                [new FieldInfo("json.value", FieldType.String, "JSON pointer") { Arg = new FieldArgSpec(true, false, true) }]));
        }
        return registry;
    }

    public static RulesLoader CloudTrailLoader(bool withJson = true) =>
        new(new RulesLoaderOptions { Sources = new RuleSourceSet().Add(CloudTrailRegistry(withJson)) });

    /// <summary>A file of the repository (found by walking up to Falco.Actors.sln).</summary>
    public static string RepositoryFile(string relative)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Falco.Actors.sln")))
        {
            directory = directory.Parent;
        }
        return Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("Falco.Actors.sln not found"), relative);
    }
}
