namespace Falco.Actors.CorpusGen.Generation;

using System.Text.Json;
using Falco.Actors.CorpusGen.Catalog;

/// <summary>Writes the userIdentity object in the shape CloudTrail uses for each identity type.</summary>
public static class IdentityWriter
{
    public static void Write(Utf8JsonWriter w, RecordContext c)
    {
        Principal p = c.Caller;
        w.WriteStartObject();
        w.WriteString("type", p.Type.ToString());
        switch (p.Type)
        {
            case IdentityType.AWSService:
                w.WriteString("invokedBy", p.Name);
                break;
            case IdentityType.IAMUser:
                Common(w, p);
                if (!c.ConsoleSignIn && p.AccessKeyId is not null) w.WriteString("accessKeyId", p.AccessKeyId);
                w.WriteString("userName", p.Name);
                break;
            case IdentityType.Root:
                Common(w, p);
                if (c.ConsoleSignIn) w.WriteString("accessKeyId", "");
                else
                {
                    w.WriteString("accessKeyId", Ids.Prefixed(c.Rng, "ASIA", 20));
                    Session(w, c, issuer: null);
                }
                break;
            case IdentityType.AssumedRole:
                Common(w, p);
                if (!c.ConsoleSignIn) w.WriteString("accessKeyId", Ids.Prefixed(c.Rng, "ASIA", 20));
                Session(w, c, issuer: p);
                break;
            case IdentityType.FederatedUser:
                Common(w, p);
                w.WriteString("accessKeyId", Ids.Prefixed(c.Rng, "ASIA", 20));
                Session(w, c, issuer: p);
                break;
        }
        w.WriteEndObject();
    }

    private static void Common(Utf8JsonWriter w, Principal p)
    {
        w.WriteString("principalId", p.PrincipalId);
        w.WriteString("arn", p.Arn);
        w.WriteString("accountId", p.AccountId);
    }

    private static void Session(Utf8JsonWriter w, RecordContext c, Principal? issuer)
    {
        w.WritePropertyName("sessionContext");
        w.WriteStartObject();
        w.WritePropertyName("sessionIssuer");
        w.WriteStartObject();
        if (issuer is not null && issuer.Type == IdentityType.AssumedRole)
        {
            w.WriteString("type", "Role");
            w.WriteString("principalId", issuer.RoleId);
            w.WriteString("arn", issuer.RoleArn);
            w.WriteString("accountId", issuer.AccountId);
            w.WriteString("userName", issuer.Name);
        }
        else if (issuer is not null)
        {
            w.WriteString("type", "IAMUser");
            w.WriteString("principalId", issuer.RoleId);
            w.WriteString("arn", $"arn:aws:iam::{issuer.AccountId}:user/{issuer.Name}");
            w.WriteString("accountId", issuer.AccountId);
            w.WriteString("userName", issuer.Name);
        }
        w.WriteEndObject();
        w.WritePropertyName("webIdFederationData");
        w.WriteStartObject();
        w.WriteEndObject();
        w.WritePropertyName("attributes");
        w.WriteStartObject();
        RecordWriter.WriteTime(w, "creationDate", c.Time.AddSeconds(-c.Rng.Next(5, 3600)));
        w.WriteString("mfaAuthenticated", c.Caller.Human ? "true" : "false");
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
