namespace Falco.Actors.CorpusGen.Catalog;

using System.Text.Json;
using Falco.Actors.CorpusGen.Generation;

/// <summary>Writes the members of one JSON object of a record (requestParameters, responseElements, ...).</summary>
public delegate void BodyWriter(Utf8JsonWriter w, RecordContext c);

/// <summary>
/// One AWS API as it appears in CloudTrail: where it is logged, how it is shaped, how often it occurs in a
/// benign mix. Request is written before response, so a request writer may leave values in the context's
/// scratch slots for the response to echo.
/// </summary>
public sealed class ApiCall
{
    public required string Source { get; init; }
    public required string Name { get; init; }
    public required bool ReadOnly { get; init; }
    /// <summary>Relative frequency in the benign mix (0 = only used by scenarios).</summary>
    public int Weight { get; init; }
    /// <summary>Logged in us-east-1 only (IAM, STS global endpoint, sign-in, Route 53).</summary>
    public bool Global { get; init; }
    /// <summary>A data event (S3 object, Lambda invoke, DynamoDB item): eventCategory Data, managementEvent false.</summary>
    public bool Data { get; init; }
    /// <summary>Callable by an AWS service principal (invokedBy) in the benign mix.</summary>
    public bool ServiceCallable { get; init; }
    /// <summary>Per-call error codes a benign failure may use; the first one is the usual one.</summary>
    public string[] ErrorCodes { get; init; } = ["AccessDenied"];
    public BodyWriter? Request { get; init; }
    public BodyWriter? Response { get; init; }
    public BodyWriter? Additional { get; init; }
    /// <summary>Writes the elements of the resources array.</summary>
    public BodyWriter? Resources { get; init; }
    public string? ApiVersion { get; init; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _hosts = new(StringComparer.Ordinal);

    /// <summary>The regional endpoint host of this service, cached per region.</summary>
    public string RegionalHost(string region) =>
        _hosts.GetOrAdd(region, static (r, prefix) => $"{prefix}.{r}.amazonaws.com", ServicePrefix);

    /// <summary>The short service prefix used in IAM actions and hosts (ec2 from ec2.amazonaws.com).</summary>
    private string? _servicePrefix;

    public string ServicePrefix => _servicePrefix ??= Source[..Source.IndexOf('.')];
}
