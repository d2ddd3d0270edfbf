namespace Falco.Actors.CorpusGen.Generation;

using Falco.Actors.CorpusGen.Catalog;

/// <summary>
/// Everything about the record being written. One instance per file writer, reset for every record, so
/// generating a record allocates little beyond the strings it draws.
/// </summary>
public sealed class RecordContext
{
    public RecordContext(Rng rng) => Rng = rng;

    public Rng Rng { get; }
    public Account Account { get; set; } = null!;
    public string Region { get; set; } = "";
    public DateTime Time { get; set; }
    public ApiCall Call { get; set; } = null!;
    public Principal Caller { get; set; } = null!;
    public string SourceIp { get; set; } = "";
    public string UserAgent { get; set; } = "";
    public string EventType { get; set; } = "AwsApiCall";
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }
    /// <summary>A console sign-in event: no requestID, no access key, requestParameters null.</summary>
    public bool ConsoleSignIn { get; set; }
    /// <summary>Overrides the call's readOnly flag (scenarios reuse calls with other semantics).</summary>
    public bool? ReadOnlyOverride { get; set; }
    /// <summary>Reached the service through a VPC endpoint: private source IP and vpcEndpointId.</summary>
    public string? VpcEndpointId { get; set; }
    /// <summary>The session was created from the console (sessionCredentialFromConsole "true").</summary>
    public bool FromConsole { get; set; }

    // Scratch slots a request writer fills for the response writer of the same record.
    public string S1 { get; set; } = "";
    public string S2 { get; set; } = "";
    public string S3 { get; set; } = "";
    public long N1 { get; set; }

    public void Reset(ApiCall call, Principal caller)
    {
        Call = call;
        Caller = caller;
        SourceIp = caller.SourceIp;
        UserAgent = caller.UserAgent;
        EventType = "AwsApiCall";
        ErrorCode = null;
        ErrorMessage = null;
        ConsoleSignIn = false;
        ReadOnlyOverride = null;
        FromConsole = caller.Human && caller.Type != IdentityType.IAMUser;
        if (FromConsole) UserAgent = AccountFactory.ConsoleAgent;
        VpcEndpointId = null;
        S1 = S2 = S3 = "";
        N1 = 0;
    }

    public string Arn(string service, string resource) => $"arn:aws:{service}:{Region}:{Account.Id}:{resource}";

    /// <summary>Makes the call fail the way AWS reports a missing permission for this caller.</summary>
    public void Deny(string? code = null)
    {
        string prefix = Call.ServicePrefix;
        ErrorCode = code ?? Call.ErrorCodes[0];
        ErrorMessage = ErrorCode switch
        {
            "Client.UnauthorizedOperation" =>
                $"You are not authorized to perform this operation. User: {CallerArn} is not authorized to perform: {prefix}:{Call.Name} because no identity-based policy allows the {prefix}:{Call.Name} action",
            "ThrottlingException" or "Client.RequestLimitExceeded" => "Rate exceeded",
            "NoSuchKey" => "The specified key does not exist.",
            "ResourceNotFoundException" => "Requested resource not found",
            "EntityAlreadyExists" => "User with name " + S1 + " already exists.",
            "DeleteConflict" => "Cannot delete entity, must remove users from group first.",
            "NoSuchEntity" => "The user with name " + S1 + " cannot be found.",
            _ => $"User: {CallerArn} is not authorized to perform: {prefix}:{Call.Name} because no identity-based policy allows the {prefix}:{Call.Name} action",
        };
    }

    private string CallerArn => Caller.Type == IdentityType.AWSService ? Caller.Name : Caller.Arn;
}
