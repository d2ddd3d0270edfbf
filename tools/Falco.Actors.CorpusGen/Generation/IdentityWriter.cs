namespace Falco.Actors.CorpusGen.Generation;

using System.Text.Json;
using Falco.Actors.CorpusGen.Catalog;

/// <summary>Writes the userIdentity object in the shape CloudTrail uses for each identity type.</summary>
public static class IdentityWriter
{
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText InvokedBy = JsonEncodedText.Encode("invokedBy");
    private static readonly JsonEncodedText PrincipalId = JsonEncodedText.Encode("principalId");
    private static readonly JsonEncodedText Arn = JsonEncodedText.Encode("arn");
    private static readonly JsonEncodedText AccountId = JsonEncodedText.Encode("accountId");
    private static readonly JsonEncodedText AccessKeyId = JsonEncodedText.Encode("accessKeyId");
    private static readonly JsonEncodedText UserName = JsonEncodedText.Encode("userName");
    private static readonly JsonEncodedText SessionContext = JsonEncodedText.Encode("sessionContext");
    private static readonly JsonEncodedText SessionIssuer = JsonEncodedText.Encode("sessionIssuer");
    private static readonly JsonEncodedText WebIdFederationData = JsonEncodedText.Encode("webIdFederationData");
    private static readonly JsonEncodedText Attributes = JsonEncodedText.Encode("attributes");
    private static readonly JsonEncodedText CreationDate = JsonEncodedText.Encode("creationDate");
    private static readonly JsonEncodedText MfaAuthenticated = JsonEncodedText.Encode("mfaAuthenticated");
    private static readonly JsonEncodedText[] TypeNames =
        Enum.GetNames<IdentityType>().Select(n => JsonEncodedText.Encode(n)).ToArray();

    public static void Write(Utf8JsonWriter w, RecordContext c)
    {
        Principal p = c.Caller;
        w.WriteStartObject();
        w.WriteString(Type, TypeNames[(int)p.Type]);
        switch (p.Type)
        {
            case IdentityType.AWSService:
                w.WriteString(InvokedBy, p.Name);
                break;
            case IdentityType.IAMUser:
                Common(w, p);
                if (!c.ConsoleSignIn && p.AccessKeyId is not null) w.WriteString(AccessKeyId, p.AccessKeyId);
                w.WriteString(UserName, p.Name);
                break;
            case IdentityType.Root:
                Common(w, p);
                if (c.ConsoleSignIn) w.WriteString(AccessKeyId, "");
                else
                {
                    SessionKey(w, c.Rng);
                    Session(w, c, issuer: null);
                }
                break;
            case IdentityType.AssumedRole:
                Common(w, p);
                if (!c.ConsoleSignIn) SessionKey(w, c.Rng);
                Session(w, c, issuer: p);
                break;
            case IdentityType.FederatedUser:
                Common(w, p);
                SessionKey(w, c.Rng);
                Session(w, c, issuer: p);
                break;
        }
        w.WriteEndObject();
    }

    /// <summary>A temporary-credential key id: ASIA + 16 upper-case alphanumerics.</summary>
    private static void SessionKey(Utf8JsonWriter w, Rng rng)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        Span<char> key = stackalloc char[20];
        "ASIA".CopyTo(key);
        for (int i = 4; i < key.Length; i++) key[i] = alphabet[rng.Next(alphabet.Length)];
        w.WriteString(AccessKeyId, key);
    }

    private static void Common(Utf8JsonWriter w, Principal p)
    {
        w.WriteString(PrincipalId, p.PrincipalId);
        w.WriteString(Arn, p.Arn);
        w.WriteString(AccountId, p.AccountId);
    }

    private static void Session(Utf8JsonWriter w, RecordContext c, Principal? issuer)
    {
        w.WritePropertyName(SessionContext);
        w.WriteStartObject();
        w.WritePropertyName(SessionIssuer);
        w.WriteStartObject();
        if (issuer is not null && issuer.Type == IdentityType.AssumedRole)
        {
            w.WriteString(Type, "Role");
            w.WriteString(PrincipalId, issuer.RoleId);
            w.WriteString(Arn, issuer.RoleArn);
            w.WriteString(AccountId, issuer.AccountId);
            w.WriteString(UserName, issuer.Name);
        }
        else if (issuer is not null)
        {
            w.WriteString(Type, "IAMUser");
            w.WriteString(PrincipalId, issuer.RoleId);
            w.WriteString(Arn, $"arn:aws:iam::{issuer.AccountId}:user/{issuer.Name}");
            w.WriteString(AccountId, issuer.AccountId);
            w.WriteString(UserName, issuer.Name);
        }
        w.WriteEndObject();
        w.WritePropertyName(WebIdFederationData);
        w.WriteStartObject();
        w.WriteEndObject();
        w.WritePropertyName(Attributes);
        w.WriteStartObject();
        RecordWriter.WriteTime(w, CreationDate, c.Time.AddSeconds(-c.Rng.Next(5, 3600)));
        w.WriteString(MfaAuthenticated, c.Caller.Human ? "true" : "false");
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
