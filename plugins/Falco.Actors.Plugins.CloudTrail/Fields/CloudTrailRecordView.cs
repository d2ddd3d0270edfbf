using Falco.Actors.Json.Parsing;

namespace Falco.Actors.Plugins.CloudTrail.Fields;

/// <summary>
/// The lookups several cloudtrail fields share (user, S3 sizes, image ids), over a record's parsed tape.
/// Nodes are tape indexes, -1 = missing. A "string" here is what Go's <c>GetStringBytes</c> returns non-nil for.
/// </summary>
internal static class CloudTrailRecordView
{
    public static int Top(JsonTape t, ReadOnlySpan<byte> key) => t.Property(JsonTape.Root, key);

    public static int Under(JsonTape t, ReadOnlySpan<byte> top, ReadOnlySpan<byte> key) => t.Path(top, key);

    public static bool IsString(JsonTape t, int node) => node >= 0 && t.Kind(node) == JsonKind.String;

    /// <summary>
    /// <c>ct.user</c>: by <c>userIdentity.type</c>, the node holding the name (text when a string, else empty), or a literal (<c>AssumedRole</c>
    /// without a session issuer, <c>AWSAccount</c>, <c>FederatedUser</c>). False when absent.
    /// </summary>
    public static bool TryUser(JsonTape t, out int node, out ReadOnlySpan<byte> literal)
    {
        node = -1;
        literal = default;
        var identity = Top(t, "userIdentity"u8);
        var type = t.Property(identity, "type"u8);
        if (!IsString(t, type))
        {
            return false;
        }
        if (t.StringEquals(type, "Root"u8) || t.StringEquals(type, "IAMUser"u8))
        {
            node = t.Property(identity, "userName"u8);
        }
        else if (t.StringEquals(type, "AWSService"u8))
        {
            node = t.Property(identity, "invokedBy"u8);
        }
        else if (t.StringEquals(type, "AssumedRole"u8))
        {
            node = t.Property(t.Property(t.Property(identity, "sessionContext"u8), "sessionIssuer"u8), "userName"u8);
            if (node < 0)
            {
                literal = "AssumedRole"u8;
                return true;
            }
        }
        else if (t.StringEquals(type, "AWSAccount"u8))
        {
            literal = "AWSAccount"u8;
            return true;
        }
        else if (t.StringEquals(type, "FederatedUser"u8))
        {
            literal = "FederatedUser"u8;
            return true;
        }
        // Present when the member exists; a non-string name reads as empty text (Go's GetStringBytes).
        return node >= 0;
    }

    /// <summary>The text of a <see cref="TryUser"/> result: the literal, a string node's raw bytes, or empty.</summary>
    public static bool UserIsEmpty(JsonTape t, int node, ReadOnlySpan<byte> literal) =>
        node < 0 ? literal.IsEmpty : !IsString(t, node) || t.Raw(node).IsEmpty;

    /// <summary>A JSON number's value truncated to an unsigned integer (fastjson's GetFloat64: 0 for non-numbers).</summary>
    public static ulong Number(JsonTape t, int node)
    {
        if (node < 0 || t.Kind(node) != JsonKind.Number || !double.TryParse(t.Raw(node), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return 0;
        }
        return value <= 0 || double.IsNaN(value) ? 0 : value >= ulong.MaxValue ? ulong.MaxValue : (ulong)value;
    }

    /// <summary><c>s3.bytes</c>: in + out, present when either exists.</summary>
    public static bool TryS3Bytes(JsonTape t, out ulong bytes)
    {
        var data = Top(t, "additionalEventData"u8);
        var inNode = t.Property(data, "bytesTransferredIn"u8);
        var outNode = t.Property(data, "bytesTransferredOut"u8);
        bytes = Number(t, inNode) + Number(t, outNode);
        return inNode >= 0 || outNode >= 0;
    }

    /// <summary>The bytes of a JSON bool node, or of the string <c>"true"</c>, read as a bool.</summary>
    public static bool IsTrue(JsonTape t, int node) =>
        node >= 0 && (t.Kind(node) == JsonKind.True || t.StringEquals(node, "true"u8));

    /// <summary>The image id of the items' element <paramref name="index"/> (non-empty string), or -1.</summary>
    public static int ImageIdOfItem(JsonTape t, int items, int index)
    {
        var node = t.Property(t.Element(items, index), "imageId"u8);
        return IsString(t, node) && t.Raw(node).Length > 0 ? node : -1;
    }

    public static int ImageItems(JsonTape t) =>
        t.Path("responseElements"u8, "instancesSet"u8, "items"u8);

    /// <summary>The scalar image id fallbacks, in the Go plugin's order, or -1.</summary>
    public static int ImageIdFallback(JsonTape t)
    {
        var request = Top(t, "requestParameters"u8);
        ReadOnlySpan<int> candidates =
        [
            t.Property(request, "imageId"u8),
            t.Property(t.Property(t.Property(request, "DescribeFastLaunchImagesRequest"u8), "ImageId"u8), "content"u8),
            t.Property(t.Property(request, "launchSpecification"u8), "imageId"u8),
        ];
        foreach (var node in candidates)
        {
            if (IsString(t, node) && t.Raw(node).Length > 0)
            {
                return node;
            }
        }
        return -1;
    }

    /// <summary><c>ec2.name</c>: the <c>Name</c> tag value of the last <c>instance</c> tag specification that has one.</summary>
    public static int Ec2Name(JsonTape t)
    {
        var items = t.Path("requestParameters"u8, "tagSpecificationSet"u8, "items"u8);
        var found = -1;
        for (var item = t.FirstElement(items); item >= 0; item = t.NextElement(items, item))
        {
            if (!t.StringEquals(t.Property(item, "resourceType"u8), "instance"u8))
            {
                continue;
            }
            var tags = t.Property(item, "tags"u8);
            for (var tag = t.FirstElement(tags); tag >= 0; tag = t.NextElement(tags, tag))
            {
                if (t.StringEquals(t.Property(tag, "key"u8), "Name"u8))
                {
                    found = t.Property(tag, "value"u8);
                    break;
                }
            }
        }
        return IsString(t, found) && t.Raw(found).Length > 0 ? found : -1;
    }
}
