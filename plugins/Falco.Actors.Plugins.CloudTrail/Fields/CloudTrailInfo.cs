using System.Text;
using Falco.Actors.Json.Parsing;
using static Falco.Actors.Plugins.CloudTrail.Fields.CloudTrailRecordView;

namespace Falco.Actors.Plugins.CloudTrail.Fields;

/// <summary>
/// <c>ct.info</c> (who, where, what, then event details) and the plugin's one-line event text
/// (<c>evt.plugininfo</c>), as the Go plugin composes them, written as UTF-8 into a caller's span.
/// One intended fix: for <c>PutBucketPublicAccessBlock</c> the four flags are read from
/// <c>requestParameters.PublicAccessBlockConfiguration</c> (Falco's plugin reads them at the record's top level, so
/// it always prints <c>false</c>).
/// </summary>
public static class CloudTrailInfo
{
    /// <summary>An upper bound of the bytes <see cref="Write"/> needs for this record.</summary>
    public static int MaxLength(JsonTape t) => 256
        + RawLength(t, Top(t, "userIdentity"u8)) + RawLength(t, Top(t, "sourceIPAddress"u8))
        + RawLength(t, Top(t, "eventName"u8)) + RawLength(t, Top(t, "requestParameters"u8));

    public static int Write(JsonTape t, Span<byte> destination)
    {
        var b = new Utf8Builder(destination);
        if (!TryUser(t, out var user, out var userLiteral))
        {
            b.Append("<invalid cloudtrail event: userIdentity field missing>"u8);
            return b.Length;
        }
        var srcIp = Top(t, "sourceIPAddress"u8);
        if (srcIp < 0)
        {
            b.Append("<invalid cloudtrail event: eventSource field missing>"u8);
            return b.Length;
        }
        var name = Top(t, "eventName"u8);
        if (name < 0)
        {
            b.Append("<invalid cloudtrail event: eventName field missing>"u8);
            return b.Length;
        }
        AppendUser(ref b, t, user, userLiteral);
        if (!SameText(t, user, userLiteral, srcIp))
        {
            b.Append(" via "u8);
            AppendText(ref b, t, srcIp);
        }
        b.Append(" "u8);
        if (Top(t, "errorCode"u8) >= 0)
        {
            b.Append("!"u8);
        }
        var readOnly = Top(t, "readOnly"u8);
        b.Append(readOnly >= 0 && t.Kind(readOnly) != JsonKind.True ? "→"u8 : "←"u8);
        b.Append(" "u8);
        AppendText(ref b, t, name);

        var request = Top(t, "requestParameters"u8);
        if (t.StringEquals(name, "PutBucketPublicAccessBlock"u8))
        {
            var block = t.Property(request, "PublicAccessBlockConfiguration"u8);
            if (block >= 0 && t.Kind(block) == JsonKind.Object)
            {
                b.Append(" BlockPublicAcls="u8);
                b.Append(Flag(t, block, "BlockPublicAcls"u8));
                b.Append(" BlockPublicPolicy="u8);
                b.Append(Flag(t, block, "BlockPublicPolicy"u8));
                b.Append(" IgnorePublicAcls="u8);
                b.Append(Flag(t, block, "IgnorePublicAcls"u8));
                b.Append(" RestrictPublicBuckets="u8);
                b.Append(Flag(t, block, "RestrictPublicBuckets"u8));
                b.Append(" "u8);
            }
            return b.Length;
        }
        if (TryS3Bytes(t, out var size))
        {
            b.Append(" Size="u8);
            b.Append(size);
        }
        var bucket = t.Property(request, "bucketName"u8);
        var key = t.Property(request, "key"u8);
        if (IsString(t, bucket) && IsString(t, key))
        {
            b.Append(" URI=s3://"u8);
            AppendText(ref b, t, bucket);
            b.Append("/"u8);
            AppendText(ref b, t, key);
        }
        else if (bucket >= 0)
        {
            b.Append(" Bucket="u8);
            AppendText(ref b, t, bucket);
        }
        else if (key >= 0)
        {
            b.Append(" Key="u8);
            AppendText(ref b, t, key);
        }
        else if (t.Property(request, "Host"u8) is var host and >= 0)
        {
            b.Append(" Host="u8);
            AppendText(ref b, t, host);
        }
        return b.Length;
    }

    /// <summary>
    /// The event's one-line text: <c>&lt;region&gt;[ &lt;user&gt;] &lt;short source&gt; &lt;name&gt; &lt;ct.info&gt;</c>,
    /// or the Go plugin's error text when the record is not JSON or lacks its source, region or name.
    /// </summary>
    public static string EventText(JsonTape t)
    {
        if (!t.IsValid || t.Kind(JsonTape.Root) != JsonKind.Object)
        {
            return "<invalid JSON: the event is not a JSON object>";
        }
        var source = Top(t, "eventSource"u8);
        if (!IsString(t, source))
        {
            return "<invalid JSON: event did not contain a source>";
        }
        var region = Top(t, "awsRegion"u8);
        if (!IsString(t, region))
        {
            return "<invalid JSON: event did not contain an awsRegion>";
        }
        var name = Top(t, "eventName"u8);
        if (!IsString(t, name))
        {
            return "<invalid JSON: event did not contain an eventName>";
        }
        var buffer = new byte[MaxLength(t) + RawLength(t, source) + RawLength(t, region) + RawLength(t, name) + 8];
        var b = new Utf8Builder(buffer);
        b.Append(t, region);
        if (TryUser(t, out var user, out var literal) && !UserIsEmpty(t, user, literal))
        {
            b.Append(" "u8);
            AppendUser(ref b, t, user, literal);
        }
        b.Append(" "u8);
        var start = b.Length;
        b.Append(t, source);
        var written = buffer.AsSpan(start, b.Length - start);
        var shortLength = ShortSource(written);
        var text = Encoding.UTF8.GetString(buffer, 0, start + shortLength);
        var tail = new byte[MaxLength(t) + RawLength(t, name) + 4];
        var rest = new Utf8Builder(tail);
        rest.Append(" "u8);
        rest.Append(t, name);
        rest.Append(" "u8);
        var infoLength = Write(t, tail.AsSpan(rest.Length));
        return text + Encoding.UTF8.GetString(tail, 0, rest.Length + infoLength);
    }

    /// <summary>Length of an event source without its <c>.amazonaws.com</c> suffix (kept when it is all there is).</summary>
    public static int ShortSource(ReadOnlySpan<byte> source)
    {
        var suffix = ".amazonaws.com"u8;
        return source.Length > suffix.Length && source.EndsWith(suffix) ? source.Length - suffix.Length : source.Length;
    }

    private static bool Flag(JsonTape t, int block, ReadOnlySpan<byte> name)
    {
        var node = t.Property(block, name);
        return node >= 0 && t.Kind(node) == JsonKind.True;
    }

    private static void AppendUser(ref Utf8Builder b, JsonTape t, int user, ReadOnlySpan<byte> literal)
    {
        if (user < 0)
        {
            b.Append(literal);
        }
        else if (IsString(t, user))
        {
            b.Append(t, user);
        }
    }

    /// <summary>A string node's text; other present nodes read as empty (Go's GetStringBytes).</summary>
    private static void AppendText(ref Utf8Builder b, JsonTape t, int node)
    {
        if (IsString(t, node))
        {
            b.Append(t, node);
        }
    }

    private static bool SameText(JsonTape t, int user, ReadOnlySpan<byte> literal, int srcIp)
    {
        if (UserIsEmpty(t, user, literal))
        {
            return !IsString(t, srcIp) || t.Raw(srcIp).IsEmpty;
        }
        if (!IsString(t, srcIp))
        {
            return false;
        }
        if (user < 0)
        {
            return t.StringEquals(srcIp, literal);
        }
        var length = t.DecodedLengthBound(user);
        Span<byte> decoded = length <= 512 ? stackalloc byte[length] : new byte[length];
        var n = t.CopyString(user, decoded);
        return t.StringEquals(srcIp, decoded[..n]);
    }

    // Decoded text can be longer than the raw bytes (an invalid UTF-8 byte becomes U+FFFD's three).
    private static int RawLength(JsonTape t, int node) => node >= 0 ? t.DecodedLengthBound(node) : 0;
}
