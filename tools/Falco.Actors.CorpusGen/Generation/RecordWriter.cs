namespace Falco.Actors.CorpusGen.Generation;

using System.Text.Json;
using Falco.Actors.CorpusGen.Catalog;

/// <summary>
/// Writes one CloudTrail record from a prepared <see cref="RecordContext"/>, with the members in the order
/// CloudTrail itself uses (eventVersion, userIdentity, eventTime, ... tlsDetails).
/// </summary>
public static class RecordWriter
{
    private static readonly JsonEncodedText EventVersion = JsonEncodedText.Encode("eventVersion");
    private static readonly JsonEncodedText UserIdentity = JsonEncodedText.Encode("userIdentity");
    private static readonly JsonEncodedText EventTime = JsonEncodedText.Encode("eventTime");
    private static readonly JsonEncodedText EventSource = JsonEncodedText.Encode("eventSource");
    private static readonly JsonEncodedText EventName = JsonEncodedText.Encode("eventName");
    private static readonly JsonEncodedText AwsRegion = JsonEncodedText.Encode("awsRegion");
    private static readonly JsonEncodedText SourceIp = JsonEncodedText.Encode("sourceIPAddress");
    private static readonly JsonEncodedText UserAgent = JsonEncodedText.Encode("userAgent");
    private static readonly JsonEncodedText ErrorCode = JsonEncodedText.Encode("errorCode");
    private static readonly JsonEncodedText ErrorMessage = JsonEncodedText.Encode("errorMessage");
    private static readonly JsonEncodedText RequestParameters = JsonEncodedText.Encode("requestParameters");
    private static readonly JsonEncodedText ResponseElements = JsonEncodedText.Encode("responseElements");
    private static readonly JsonEncodedText AdditionalEventData = JsonEncodedText.Encode("additionalEventData");
    private static readonly JsonEncodedText RequestId = JsonEncodedText.Encode("requestID");
    private static readonly JsonEncodedText EventId = JsonEncodedText.Encode("eventID");
    private static readonly JsonEncodedText ReadOnly = JsonEncodedText.Encode("readOnly");
    private static readonly JsonEncodedText Resources = JsonEncodedText.Encode("resources");
    private static readonly JsonEncodedText EventType = JsonEncodedText.Encode("eventType");
    private static readonly JsonEncodedText ApiVersion = JsonEncodedText.Encode("apiVersion");
    private static readonly JsonEncodedText ManagementEvent = JsonEncodedText.Encode("managementEvent");
    private static readonly JsonEncodedText RecipientAccountId = JsonEncodedText.Encode("recipientAccountId");
    private static readonly JsonEncodedText VpcEndpointId = JsonEncodedText.Encode("vpcEndpointId");
    private static readonly JsonEncodedText EventCategory = JsonEncodedText.Encode("eventCategory");
    private static readonly JsonEncodedText TlsDetails = JsonEncodedText.Encode("tlsDetails");
    private static readonly JsonEncodedText SessionFromConsole = JsonEncodedText.Encode("sessionCredentialFromConsole");
    private static readonly JsonEncodedText TlsVersion = JsonEncodedText.Encode("tlsVersion");
    private static readonly JsonEncodedText CipherSuite = JsonEncodedText.Encode("cipherSuite");
    private static readonly JsonEncodedText HostHeader = JsonEncodedText.Encode("clientProvidedHostHeader");
    private static readonly JsonEncodedText Tls13 = JsonEncodedText.Encode("TLSv1.3");
    private static readonly JsonEncodedText Aes128 = JsonEncodedText.Encode("TLS_AES_128_GCM_SHA256");

    public static void Write(Utf8JsonWriter w, RecordContext c)
    {
        ApiCall call = c.Call;
        bool service = c.Caller.Type == IdentityType.AWSService;
        w.WriteStartObject();
        w.WriteString(EventVersion, c.ConsoleSignIn ? "1.08" : call.Data ? "1.10" : "1.09");
        w.WritePropertyName(UserIdentity);
        IdentityWriter.Write(w, c);
        WriteTime(w, EventTime, c.Time);
        w.WriteString(EventSource, call.Source);
        w.WriteString(EventName, call.Name);
        w.WriteString(AwsRegion, c.Region);
        w.WriteString(SourceIp, c.SourceIp);
        w.WriteString(UserAgent, c.UserAgent);
        if (c.ErrorCode is not null) w.WriteString(ErrorCode, c.ErrorCode);
        if (c.ErrorMessage is not null) w.WriteString(ErrorMessage, c.ErrorMessage);
        WriteObject(w, RequestParameters, c.ConsoleSignIn ? null : call.Request, c);
        WriteObject(w, ResponseElements, c.ErrorCode is null ? call.Response : null, c);
        if (call.Additional is not null)
        {
            w.WritePropertyName(AdditionalEventData);
            w.WriteStartObject();
            call.Additional(w, c);
            w.WriteEndObject();
        }
        if (!c.ConsoleSignIn) WriteRequestId(w, c);
        WriteGuid(w, EventId, c.Rng);
        w.WriteBoolean(ReadOnly, c.ReadOnlyOverride ?? call.ReadOnly);
        if (call.Resources is not null)
        {
            w.WritePropertyName(Resources);
            w.WriteStartArray();
            call.Resources(w, c);
            w.WriteEndArray();
        }
        w.WriteString(EventType, c.EventType);
        if (call.ApiVersion is not null) w.WriteString(ApiVersion, call.ApiVersion);
        w.WriteBoolean(ManagementEvent, !call.Data);
        w.WriteString(RecipientAccountId, c.Account.Id);
        if (c.VpcEndpointId is not null) w.WriteString(VpcEndpointId, c.VpcEndpointId);
        w.WriteString(EventCategory, call.Data ? "Data" : "Management");
        if (!service)
        {
            w.WritePropertyName(TlsDetails);
            w.WriteStartObject();
            w.WriteString(TlsVersion, Tls13);
            w.WriteString(CipherSuite, Aes128);
            w.WriteString(HostHeader, Host(c));
            w.WriteEndObject();
        }
        if (c.FromConsole && !c.ConsoleSignIn) w.WriteString(SessionFromConsole, "true");
        w.WriteEndObject();
    }

    /// <summary>The host name the client connected to: global endpoints for IAM and sign-in, bucket hosts for S3.</summary>
    public static string Host(RecordContext c)
    {
        string prefix = c.Call.ServicePrefix;
        if (c.ConsoleSignIn) return "signin.aws.amazon.com";
        if (c.Call.Global) return prefix + ".amazonaws.com";
        if (prefix == "s3" && c.S1.Length > 0) return $"{c.S1}.s3.{c.Region}.amazonaws.com";
        return c.Call.RegionalHost(c.Region);
    }

    private static void WriteObject(Utf8JsonWriter w, JsonEncodedText name, BodyWriter? body, RecordContext c)
    {
        w.WritePropertyName(name);
        if (body is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        body(w, c);
        w.WriteEndObject();
    }

    private static void WriteRequestId(Utf8JsonWriter w, RecordContext c)
    {
        if (c.Call.ServicePrefix == "s3")
        {
            // S3 request ids are 16 upper-case alphanumerics, not GUIDs.
            Span<char> id = stackalloc char[16];
            const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
            for (int i = 0; i < id.Length; i++) id[i] = alphabet[c.Rng.Next(alphabet.Length)];
            w.WriteString(RequestId, id);
            return;
        }
        WriteGuid(w, RequestId, c.Rng);
    }

    public static void WriteGuid(Utf8JsonWriter w, JsonEncodedText name, Rng rng)
    {
        Span<char> id = stackalloc char[36];
        Ids.Guid(rng, id);
        w.WriteString(name, id);
    }

    public static void WriteGuid(Utf8JsonWriter w, string name, Rng rng)
    {
        Span<char> id = stackalloc char[36];
        Ids.Guid(rng, id);
        w.WriteString(name, id);
    }

    /// <summary>RFC 3339 UTC with whole seconds, the way CloudTrail writes eventTime.</summary>
    public static void WriteTime(Utf8JsonWriter w, JsonEncodedText name, DateTime time)
    {
        Span<char> text = stackalloc char[20];
        time.TryFormat(text, out _, "yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        w.WriteString(name, text);
    }

    public static void WriteTime(Utf8JsonWriter w, string name, DateTime time)
    {
        Span<char> text = stackalloc char[20];
        time.TryFormat(text, out _, "yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        w.WriteString(name, text);
    }

    public static string FormatTime(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
