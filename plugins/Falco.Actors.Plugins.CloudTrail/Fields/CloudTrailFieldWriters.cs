using Falco.Actors.Json.Extraction;
using Falco.Actors.Json.Parsing;
using Falco.Actors.Rules.Fields;
using static Falco.Actors.Plugins.CloudTrail.Fields.CloudTrailRecordView;

namespace Falco.Actors.Plugins.CloudTrail.Fields;

/// <summary>
/// How cloudtrail fields write their values into <see cref="FieldValues"/>, as UTF-8 and without allocating;
/// <see cref="CloudTrailFields"/> says which field uses which.
/// </summary>
internal static class CloudTrailFieldWriters
{
    /// <summary>A plain path: a string's text, another present node as empty text, a missing one nothing.</summary>
    public static void Text(FieldValues values, int slot, JsonTape t, int node) =>
        JsonFieldWriter.AddStringOrEmpty(values, slot, t, node);

    public static void Request(FieldValues values, int slot, JsonTape t, ReadOnlySpan<byte> key) =>
        Text(values, slot, t, Under(t, "requestParameters"u8, key));

    /// <summary>
    /// <c>"true"</c>/<c>"false"</c> when the member exists. Strict: only a JSON <c>true</c> is true. Lenient: the
    /// string <c>"true"</c> is true as well.
    /// </summary>
    public static void Bool(FieldValues values, int slot, JsonTape t, int node, bool strict)
    {
        if (node >= 0)
        {
            var isTrue = strict ? t.Kind(node) == JsonKind.True : IsTrue(t, node);
            values.AddBytes(slot, isTrue ? "true"u8 : "false"u8);
        }
    }

    public static void Count(FieldValues values, int slot, JsonTape t, int node)
    {
        if (node >= 0)
        {
            values.AddNumber(slot, Number(t, node));
        }
    }

    public static void OneIf(FieldValues values, int slot, bool condition)
    {
        if (condition)
        {
            values.AddNumber(slot, 1);
        }
    }

    public static void ShortSource(FieldValues values, int slot, JsonTape t)
    {
        var node = Top(t, "eventSource"u8);
        if (JsonFieldWriter.AddStringOrEmpty(values, slot, t, node))
        {
            var written = values.GetBytes(slot, values.Count(slot) - 1);
            values.TrimLast(slot, CloudTrailInfo.ShortSource(written));
        }
    }

    public static void User(FieldValues values, int slot, JsonTape t)
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
    public static void OriginalUser(FieldValues values, int slot, JsonTape t)
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
        var bound = t.DecodedLengthBound(node);
        Span<byte> text = bound <= 1024 ? stackalloc byte[bound] : new byte[bound];
        var decoded = text[..t.CopyString(node, text)];
        if (decoded.Count(separator) != parts - 1)
        {
            return false;
        }
        values.AddBytes(slot, decoded[(decoded.LastIndexOf(separator) + 1)..]);
        return true;
    }

    public static void Info(FieldValues values, int slot, JsonTape t)
    {
        var span = values.AddBytes(slot, CloudTrailInfo.MaxLength(t));
        values.TrimLast(slot, CloudTrailInfo.Write(t, span));
    }

    public static void S3Uri(FieldValues values, int slot, JsonTape t)
    {
        var request = Top(t, "requestParameters"u8);
        var bucket = t.Property(request, "bucketName"u8);
        var key = t.Property(request, "key"u8);
        // Both must be strings (Go's GetStringBytes), unlike s3.bucket and s3.key alone.
        if (!IsString(t, bucket) || !IsString(t, key))
        {
            return;
        }
        var span = values.AddBytes(slot, t.DecodedLengthBound(bucket) + t.DecodedLengthBound(key) + 6);
        var b = new Utf8Builder(span);
        b.Append("s3://"u8);
        b.Append(t, bucket);
        b.Append("/"u8);
        b.Append(t, key);
        values.TrimLast(slot, b.Length);
    }

    /// <summary><c>ct.resources</c>: every element's compact JSON, joined with commas; absent when none.</summary>
    public static void Resources(FieldValues values, int slot, JsonTape t)
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

    /// <summary><c>ct.user.accountid</c>: <c>userIdentity.accountId</c>, else <c>recipientAccountId</c>.</summary>
    public static void UserAccountId(FieldValues values, int slot, JsonTape t)
    {
        var account = Under(t, "userIdentity"u8, "accountId"u8);
        Text(values, slot, t, account >= 0 ? account : Top(t, "recipientAccountId"u8));
    }

    public static void S3Bytes(FieldValues values, int slot, JsonTape t)
    {
        if (TryS3Bytes(t, out var bytes))
        {
            values.AddNumber(slot, bytes);
        }
    }

    /// <summary><c>s3.cnt.other</c>: 1 for every event but GetObject and PutObject.</summary>
    public static void S3OtherCount(FieldValues values, int slot, JsonTape t)
    {
        var name = Top(t, "eventName"u8);
        OneIf(values, slot, !t.StringEquals(name, "GetObject"u8) && !t.StringEquals(name, "PutObject"u8));
    }

    /// <summary><c>ec2.imageids</c>: every image id, or with an index argument the one of that instance.</summary>
    public static void Ec2ImageIds(FieldValues values, in FieldRequest request, JsonTape t)
    {
        if (request.Arg.IsPresent && request.Arg.IsIndex)
        {
            ImageId(values, request.Slot, t, request.Arg.Index > int.MaxValue ? int.MaxValue : (int)request.Arg.Index);
        }
        else
        {
            ImageIds(values, request.Slot, t);
        }
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

    public static void ImageId(FieldValues values, int slot, JsonTape t, int index)
    {
        var node = ImageIdOfItem(t, ImageItems(t), index);
        if (node < 0 && index == 0)
        {
            node = ImageIdFallback(t);
        }
        JsonFieldWriter.AddString(values, slot, t, node);
    }
}
