namespace Falco.Actors.CorpusGen.Catalog;

/// <summary>The CloudTrail userIdentity types the corpus uses.</summary>
public enum IdentityType { IAMUser, AssumedRole, AWSService, Root, FederatedUser }

/// <summary>
/// One caller as CloudTrail names it in userIdentity. Per-record parts (session access key, session
/// creation time) are drawn when the record is written; everything here is stable for the corpus.
/// </summary>
public sealed class Principal
{
    public required IdentityType Type { get; init; }
    public required string AccountId { get; init; }
    /// <summary>IAM user name, role name (for AssumedRole: the session issuer), or the service host.</summary>
    public required string Name { get; init; }
    public string Arn { get; init; } = "";
    public string PrincipalId { get; init; } = "";
    /// <summary>Long-term key of an IAM user (AKIA...); null for roles and services.</summary>
    public string? AccessKeyId { get; init; }
    /// <summary>AssumedRole only: the role's unique id (AROA...).</summary>
    public string RoleId { get; init; } = "";
    /// <summary>AssumedRole only: the session name (e.g. an e-mail for SSO, a tool name for automation).</summary>
    public string SessionName { get; init; } = "";
    /// <summary>Where this caller usually comes from: an IP address or, for services, the service host.</summary>
    public required string SourceIp { get; init; }
    public required string UserAgent { get; init; }
    /// <summary>True when the caller is a person using the console (MFA attributes, console user agents).</summary>
    public bool Human { get; init; }

    private string? _roleArn;

    /// <summary>The IAM role behind an assumed-role session (computed once; the race is benign).</summary>
    public string RoleArn => _roleArn ??= $"arn:aws:iam::{AccountId}:role/{Name}";
}
