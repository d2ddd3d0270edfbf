using Falco.Actors.Json.Extraction;
using Falco.Actors.Json.Parsing;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;
using static Falco.Actors.Plugins.CloudTrail.Fields.CloudTrailRecordView;

namespace Falco.Actors.Plugins.CloudTrail.Fields;

/// <summary>
/// Extracts the cloudtrail plugin's fields from CloudTrail records. The record is parsed at most once per event
/// through the owner's <see cref="RecordCache"/> (shared with the json extractor), only when a field is asked, and
/// values are written as UTF-8 straight into <see cref="FieldValues"/>. Semantics follow Falco's plugin, with three
/// intended fixes of its bugs: <c>ct.request.documentname</c> extracts <c>requestParameters.documentName</c>
/// (Falco's never extracts), <c>ct.sessioncredentialfromconsole</c> reads the string <c>"true"</c> CloudTrail
/// writes as true (Falco's reads only a JSON bool), and <c>ct.info</c>'s PutBucketPublicAccessBlock flags come from
/// the request (see <see cref="CloudTrailInfo"/>).
/// </summary>
public sealed class CloudTrailExtractor : IFieldExtractor
{
    private readonly RecordCache? _cache;

    /// <param name="cache">The owner's record cache; null = the calling thread's <see cref="RecordCache.Shared"/>.</param>
    public CloudTrailExtractor(RecordCache? cache = null) => _cache = cache;

    public void Extract(in PluginEvent evt, ReadOnlySpan<FieldRequest> requests, FieldValues values)
    {
        JsonTape? tape = null;
        var loaded = false;
        foreach (var request in requests)
        {
            values.MarkExtracted(request.Slot);
            if (!loaded)
            {
                tape = Load(evt);
                loaded = true;
            }
            if (tape is not null)
            {
                Extract(tape, request, values);
            }
        }
    }

    private JsonTape? Load(in PluginEvent evt)
    {
        if (evt.Payload.IsEmpty)
        {
            return null;
        }
        var tape = (_cache ?? RecordCache.Shared).Get(evt);
        return tape.IsValid && tape.Kind(JsonTape.Root) == JsonKind.Object ? tape : null;
    }

    private static void Extract(JsonTape t, in FieldRequest request, FieldValues values)
    {
        var slot = request.Slot;
        switch ((CloudTrailField)request.FieldId)
        {
            case CloudTrailField.Id: Text(values, slot, t, Top(t, "eventID"u8)); break;
            case CloudTrailField.Error: Text(values, slot, t, Top(t, "errorCode"u8)); break;
            case CloudTrailField.ErrorMessage: Text(values, slot, t, Top(t, "errorMessage"u8)); break;
            case CloudTrailField.Time: Text(values, slot, t, Top(t, "eventTime"u8)); break;
            case CloudTrailField.Src: Text(values, slot, t, Top(t, "eventSource"u8)); break;
            case CloudTrailField.ShortSrc: ShortSource(values, slot, t); break;
            case CloudTrailField.Name: Text(values, slot, t, Top(t, "eventName"u8)); break;
            case CloudTrailField.User: User(values, slot, t); break;
            case CloudTrailField.OriginalUser: OriginalUser(values, slot, t); break;
            case CloudTrailField.UserAccountId:
                var account = Under(t, "userIdentity"u8, "accountId"u8);
                Text(values, slot, t, account >= 0 ? account : Top(t, "recipientAccountId"u8));
                break;
            case CloudTrailField.UserIdentityType: Text(values, slot, t, Under(t, "userIdentity"u8, "type"u8)); break;
            case CloudTrailField.UserPrincipalId: Text(values, slot, t, Under(t, "userIdentity"u8, "principalId"u8)); break;
            case CloudTrailField.UserArn: Text(values, slot, t, Under(t, "userIdentity"u8, "arn"u8)); break;
            case CloudTrailField.Region: Text(values, slot, t, Top(t, "awsRegion"u8)); break;
            case CloudTrailField.ResponseSubnetId: Text(values, slot, t, Under(t, "responseElements"u8, "subnetId"u8)); break;
            case CloudTrailField.ResponseReservationId: Text(values, slot, t, Under(t, "responseElements"u8, "reservationId"u8)); break;
            case CloudTrailField.Response: JsonFieldWriter.AddCompact(values, slot, t, Top(t, "responseElements"u8)); break;
            case CloudTrailField.RequestAvailabilityZone: Request(values, slot, t, "availabilityZone"u8); break;
            case CloudTrailField.RequestCluster: Request(values, slot, t, "cluster"u8); break;
            case CloudTrailField.RequestFunctionName: Request(values, slot, t, "functionName"u8); break;
            case CloudTrailField.RequestGroupName: Request(values, slot, t, "groupName"u8); break;
            case CloudTrailField.RequestHost: Request(values, slot, t, "Host"u8); break;
            case CloudTrailField.RequestName: Request(values, slot, t, "name"u8); break;
            case CloudTrailField.RequestPolicy: Request(values, slot, t, "policy"u8); break;
            case CloudTrailField.RequestReason: Request(values, slot, t, "reason"u8); break;
            case CloudTrailField.RequestTarget: Request(values, slot, t, "target"u8); break;
            case CloudTrailField.RequestDocumentName: Request(values, slot, t, "documentName"u8); break;
            case CloudTrailField.RequestSerialNumber: Request(values, slot, t, "serialNumber"u8); break;
            case CloudTrailField.RequestServiceName: Request(values, slot, t, "serviceName"u8); break;
            case CloudTrailField.RequestSubnetId: Request(values, slot, t, "subnetId"u8); break;
            case CloudTrailField.RequestTaskDefinition: Request(values, slot, t, "taskDefinition"u8); break;
            case CloudTrailField.RequestUserName: Request(values, slot, t, "userName"u8); break;
            case CloudTrailField.Request: JsonFieldWriter.AddCompact(values, slot, t, Top(t, "requestParameters"u8)); break;
            case CloudTrailField.SrcIp: Text(values, slot, t, Top(t, "sourceIPAddress"u8)); break;
            case CloudTrailField.UserAgent: Text(values, slot, t, Top(t, "userAgent"u8)); break;
            case CloudTrailField.Info: Info(values, slot, t); break;
            case CloudTrailField.ManagementEvent: Bool(values, slot, t, Top(t, "managementEvent"u8), strict: true); break;
            case CloudTrailField.ReadOnly: Bool(values, slot, t, Top(t, "readOnly"u8), strict: true); break;
            case CloudTrailField.RequestId: Text(values, slot, t, Top(t, "requestID"u8)); break;
            case CloudTrailField.EventType: Text(values, slot, t, Top(t, "eventType"u8)); break;
            case CloudTrailField.ApiVersion: Text(values, slot, t, Top(t, "apiVersion"u8)); break;
            case CloudTrailField.Resources: Resources(values, slot, t); break;
            case CloudTrailField.RecipientAccountId: Text(values, slot, t, Top(t, "recipientAccountId"u8)); break;
            case CloudTrailField.ServiceEventDetails: Text(values, slot, t, Top(t, "serviceEventDetails"u8)); break;
            case CloudTrailField.SharedEventId: Text(values, slot, t, Top(t, "sharedEventID"u8)); break;
            case CloudTrailField.VpcEndpointId: Text(values, slot, t, Top(t, "vpcEndpointId"u8)); break;
            case CloudTrailField.EventCategory: Text(values, slot, t, Top(t, "eventCategory"u8)); break;
            case CloudTrailField.AddendumReason: Text(values, slot, t, Under(t, "addendum"u8, "reason"u8)); break;
            case CloudTrailField.AddendumUpdatedFields: Text(values, slot, t, Under(t, "addendum"u8, "updatedFields"u8)); break;
            case CloudTrailField.AddendumOriginalRequestId: Text(values, slot, t, Under(t, "addendum"u8, "originalRequestID"u8)); break;
            case CloudTrailField.AddendumOriginalEventId: Text(values, slot, t, Under(t, "addendum"u8, "originalEventID"u8)); break;
            case CloudTrailField.SessionCredentialFromConsole:
                Bool(values, slot, t, Top(t, "sessionCredentialFromConsole"u8), strict: false);
                break;
            case CloudTrailField.EdgeDeviceDetails: Text(values, slot, t, Top(t, "edgeDeviceDetails"u8)); break;
            case CloudTrailField.TlsVersion: Text(values, slot, t, Under(t, "tlsDetails"u8, "tlsVersion"u8)); break;
            case CloudTrailField.TlsCipherSuite: Text(values, slot, t, Under(t, "tlsDetails"u8, "cipherSuite"u8)); break;
            case CloudTrailField.TlsClientProvidedHostHeader:
                Text(values, slot, t, Under(t, "tlsDetails"u8, "clientProvidedHostHeader"u8));
                break;
            case CloudTrailField.AdditionalEventData: JsonFieldWriter.AddCompact(values, slot, t, Top(t, "additionalEventData"u8)); break;
            case CloudTrailField.S3Uri: S3Uri(values, slot, t); break;
            case CloudTrailField.S3Bucket: Request(values, slot, t, "bucketName"u8); break;
            case CloudTrailField.S3Key: Request(values, slot, t, "key"u8); break;
            case CloudTrailField.S3Bytes:
                if (TryS3Bytes(t, out var bytes))
                {
                    values.AddNumber(slot, bytes);
                }
                break;
            case CloudTrailField.S3BytesIn: Count(values, slot, t, Under(t, "additionalEventData"u8, "bytesTransferredIn"u8)); break;
            case CloudTrailField.S3BytesOut: Count(values, slot, t, Under(t, "additionalEventData"u8, "bytesTransferredOut"u8)); break;
            case CloudTrailField.S3CntGet: OneIf(values, slot, t.StringEquals(Top(t, "eventName"u8), "GetObject"u8)); break;
            case CloudTrailField.S3CntPut: OneIf(values, slot, t.StringEquals(Top(t, "eventName"u8), "PutObject"u8)); break;
            case CloudTrailField.S3CntOther:
                var name = Top(t, "eventName"u8);
                OneIf(values, slot, !t.StringEquals(name, "GetObject"u8) && !t.StringEquals(name, "PutObject"u8));
                break;
            case CloudTrailField.Ec2Name: JsonFieldWriter.AddString(values, slot, t, Ec2Name(t)); break;
            case CloudTrailField.Ec2ImageId: ImageId(values, slot, t, 0); break;
            case CloudTrailField.Ec2ImageIds:
                if (request.Arg.IsPresent && request.Arg.IsIndex)
                {
                    ImageId(values, slot, t, request.Arg.Index > int.MaxValue ? int.MaxValue : (int)request.Arg.Index);
                }
                else
                {
                    ImageIds(values, slot, t);
                }
                break;
            case CloudTrailField.EcrRepository: Request(values, slot, t, "repositoryName"u8); break;
            case CloudTrailField.EcrImageTag: Request(values, slot, t, "imageTag"u8); break;
            case CloudTrailField.IamRole: Request(values, slot, t, "roleName"u8); break;
            case CloudTrailField.IamPolicy: Request(values, slot, t, "policyName"u8); break;
        }
    }

    /// <summary>A plain path: a string's text, another present node as empty text, a missing one nothing.</summary>
    private static void Text(FieldValues values, int slot, JsonTape t, int node) =>
        JsonFieldWriter.AddStringOrEmpty(values, slot, t, node);

    private static void Request(FieldValues values, int slot, JsonTape t, ReadOnlySpan<byte> key) =>
        Text(values, slot, t, Under(t, "requestParameters"u8, key));

    /// <summary>
    /// <c>"true"</c>/<c>"false"</c> when the member exists. Strict: only a JSON <c>true</c> is true. Lenient: the
    /// string <c>"true"</c> is true as well.
    /// </summary>
    private static void Bool(FieldValues values, int slot, JsonTape t, int node, bool strict)
    {
        if (node >= 0)
        {
            var isTrue = strict ? t.Kind(node) == JsonKind.True : IsTrue(t, node);
            values.AddBytes(slot, isTrue ? "true"u8 : "false"u8);
        }
    }

    private static void Count(FieldValues values, int slot, JsonTape t, int node)
    {
        if (node >= 0)
        {
            values.AddNumber(slot, Number(t, node));
        }
    }

    private static void OneIf(FieldValues values, int slot, bool condition)
    {
        if (condition)
        {
            values.AddNumber(slot, 1);
        }
    }

    private static void ShortSource(FieldValues values, int slot, JsonTape t)
    {
        var node = Top(t, "eventSource"u8);
        if (JsonFieldWriter.AddStringOrEmpty(values, slot, t, node))
        {
            var written = values.GetBytes(slot, values.Count(slot) - 1);
            values.TrimLast(slot, CloudTrailInfo.ShortSource(written));
        }
    }

    private static void User(FieldValues values, int slot, JsonTape t)
    {
        if (!TryUser(t, out var node, out var literal))
        {
            return;
        }
        if (node >= 0)
        {
            JsonFieldWriter.AddStringOrEmpty(values, slot, t, node);
        }
        else
        {
            values.AddBytes(slot, literal);
        }
    }

    /// <summary>
    /// <c>ct.originaluser</c>: for an assumed role, the session name — the last part of a three-part
    /// <c>userIdentity.arn</c>, else the part after the colon of a two-part <c>principalId</c>; otherwise
    /// <c>userIdentity.userName</c>.
    /// </summary>
    private static void OriginalUser(FieldValues values, int slot, JsonTape t)
    {
        var identity = Top(t, "userIdentity"u8);
        if (!t.StringEquals(t.Property(identity, "type"u8), "AssumedRole"u8))
        {
            JsonFieldWriter.AddStringOrEmpty(values, slot, t, t.Property(identity, "userName"u8));
            return;
        }
        if (AddPart(values, slot, t, t.Property(identity, "arn"u8), (byte)'/', 3))
        {
            return;
        }
        AddPart(values, slot, t, t.Property(identity, "principalId"u8), (byte)':', 2);
    }

    /// <summary>Adds the last of exactly <paramref name="parts"/> separator-delimited parts of a string node.</summary>
    private static bool AddPart(FieldValues values, int slot, JsonTape t, int node, byte separator, int parts)
    {
        if (!IsString(t, node))
        {
            return false;
        }
        var raw = t.Raw(node).Length;
        Span<byte> text = raw <= 1024 ? stackalloc byte[raw] : new byte[raw];
        var decoded = text[..t.CopyString(node, text)];
        if (decoded.Count(separator) != parts - 1)
        {
            return false;
        }
        values.AddBytes(slot, decoded[(decoded.LastIndexOf(separator) + 1)..]);
        return true;
    }

    private static void Info(FieldValues values, int slot, JsonTape t)
    {
        var span = values.AddBytes(slot, CloudTrailInfo.MaxLength(t));
        values.TrimLast(slot, CloudTrailInfo.Write(t, span));
    }

    private static void S3Uri(FieldValues values, int slot, JsonTape t)
    {
        var request = Top(t, "requestParameters"u8);
        var bucket = t.Property(request, "bucketName"u8);
        var key = t.Property(request, "key"u8);
        // Both must be strings (Go's GetStringBytes), unlike s3.bucket and s3.key alone.
        if (!IsString(t, bucket) || !IsString(t, key))
        {
            return;
        }
        var span = values.AddBytes(slot, t.Raw(bucket).Length + t.Raw(key).Length + 6);
        var b = new Utf8Builder(span);
        b.Append("s3://"u8);
        b.Append(t, bucket);
        b.Append("/"u8);
        b.Append(t, key);
        values.TrimLast(slot, b.Length);
    }

    /// <summary><c>ct.resources</c>: every element's compact JSON, joined with commas; absent when none.</summary>
    private static void Resources(FieldValues values, int slot, JsonTape t)
    {
        var resources = Top(t, "resources"u8);
        var first = t.FirstElement(resources);
        if (first < 0)
        {
            return;
        }
        var span = values.AddBytes(slot, t.Raw(resources).Length);
        var n = 0;
        for (var e = first; e >= 0; e = t.NextElement(resources, e))
        {
            if (n > 0)
            {
                span[n++] = (byte)',';
            }
            n += JsonText.WriteCompact(t.Json(e), span[n..]);
        }
        values.TrimLast(slot, n);
    }

    private static void ImageIds(FieldValues values, int slot, JsonTape t)
    {
        var items = ImageItems(t);
        var any = false;
        for (var item = t.FirstElement(items); item >= 0; item = t.NextElement(items, item))
        {
            var id = t.Property(item, "imageId"u8);
            if (IsString(t, id) && t.Raw(id).Length > 0)
            {
                JsonFieldWriter.AddString(values, slot, t, id);
                any = true;
            }
        }
        if (!any)
        {
            JsonFieldWriter.AddString(values, slot, t, ImageIdFallback(t));
        }
    }

    private static void ImageId(FieldValues values, int slot, JsonTape t, int index)
    {
        var node = ImageIdOfItem(t, ImageItems(t), index);
        if (node < 0 && index == 0)
        {
            node = ImageIdFallback(t);
        }
        JsonFieldWriter.AddString(values, slot, t, node);
    }
}
