namespace Falco.Actors.CorpusGen.Catalog;

using Falco.Actors.CorpusGen.Generation;

/// <summary>
/// One AWS account of the corpus: its callers and the resources benign calls touch. Built once from the
/// corpus seed, so every file of the account refers to the same users, roles, buckets and functions.
/// </summary>
public sealed class Account
{
    public required string Id { get; init; }
    public required string CanonicalUserId { get; init; }
    public required IReadOnlyList<Principal> Users { get; init; }
    public required IReadOnlyList<Principal> Roles { get; init; }
    public required IReadOnlyList<Principal> Services { get; init; }
    public required Principal Root { get; init; }
    public required Principal Federated { get; init; }
    /// <summary>An SSO console role session (AssumedRole whose user is a person).</summary>
    public required Principal SsoAdmin { get; init; }
    public required IReadOnlyList<string> Buckets { get; init; }
    public required IReadOnlyList<string> Functions { get; init; }
    public required IReadOnlyList<string> Clusters { get; init; }
    public required IReadOnlyList<string> Tables { get; init; }
    public required IReadOnlyList<string> KmsKeys { get; init; }
    public required IReadOnlyList<string> LogGroups { get; init; }
    public required IReadOnlyList<string> Instances { get; init; }
    public required IReadOnlyList<string> SecurityGroups { get; init; }
    public required IReadOnlyList<string> Subnets { get; init; }
    public required IReadOnlyList<string> Images { get; init; }
    public required IReadOnlyList<string> Secrets { get; init; }
    public required IReadOnlyList<string> Queues { get; init; }
    public required string VpcId { get; init; }
    public required string VpcEndpointId { get; init; }
    public required string TrailName { get; init; }
    public required string TrailBucket { get; init; }

    /// <summary>Picks the caller of a benign call: mostly roles and services, some users, rarely federated.</summary>
    public Principal PickBenignCaller(Rng rng)
    {
        int roll = rng.Next(1000);
        if (roll < 520) return rng.Pick(Roles);
        if (roll < 560) return SsoAdmin;
        if (roll < 800) return rng.Pick(Users);
        if (roll < 985) return rng.Pick(Services);
        return Federated;
    }

    /// <summary>A person or automation with write access: used by the rule triggers.</summary>
    public Principal PickWriter(Rng rng)
    {
        int roll = rng.Next(10);
        if (roll < 4) return Users[rng.Next(Math.Min(3, Users.Count))];
        if (roll < 7) return SsoAdmin;
        return Roles[rng.Next(Math.Min(3, Roles.Count))];
    }
}
