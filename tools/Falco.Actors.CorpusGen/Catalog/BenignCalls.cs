namespace Falco.Actors.CorpusGen.Catalog;

/// <summary>
/// The benign mix: read-heavy API calls across many services, weighted roughly like a busy production
/// account (S3 object reads, EC2 describes, KMS decrypts and STS role assumptions dominate).
/// </summary>
public static class BenignCalls
{
    public static IReadOnlyList<ApiCall> All { get; } =
    [
        .. ComputeCalls.All,
        .. StorageCalls.All,
        .. IdentityCalls.All,
        .. ApplicationCalls.All,
    ];
}
