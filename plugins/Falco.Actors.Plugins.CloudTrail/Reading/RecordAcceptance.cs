using System.Text.Json;

namespace Falco.Actors.Plugins.CloudTrail.Reading;

/// <summary>
/// Whether a split record becomes an event (the Go plugin's checks): it must be valid JSON with a string
/// <c>eventTime</c> in RFC 3339 and an <c>eventType</c> that is not <c>AwsCloudTrailInsight</c>. One reader pass,
/// looking only at top-level members.
/// </summary>
public static class RecordAcceptance
{
    private static readonly byte[] Insight = "AwsCloudTrailInsight"u8.ToArray();
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 512 };

    /// <summary>
    /// Null when accepted (with its timestamp). Otherwise why it is skipped; <paramref name="malformed"/> tells a
    /// broken record (not JSON, bad time: worth reporting) from one that is simply not an event (no eventTime or
    /// eventType, an Insight record: skipped silently, as Falco does).
    /// </summary>
    public static string? Check(ReadOnlySpan<byte> record, out ulong timestampNs, out bool malformed)
    {
        timestampNs = 0;
        malformed = true;
        var hasTime = false;
        var hasType = false;
        var isInsight = false;
        string? badTime = null;
        try
        {
            var reader = new Utf8JsonReader(record, Options);
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return "record is not a JSON object";
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!hasTime && reader.ValueTextEquals("eventTime"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        hasTime = true;
                        if (reader.ValueIsEscaped || !Rfc3339.TryParseNs(reader.ValueSpan, out timestampNs))
                        {
                            badTime = "eventTime is not an RFC 3339 time";
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else if (!hasType && reader.ValueTextEquals("eventType"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        hasType = true;
                        isInsight = reader.ValueTextEquals(Insight);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            // Read to the end so that trailing garbage inside the slice is caught as invalid JSON.
            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            return $"record is not valid JSON: {e.Message}";
        }
        if (badTime is not null)
        {
            return badTime;
        }
        malformed = false;
        if (!hasTime)
        {
            return "record has no eventTime";
        }
        if (!hasType)
        {
            return "record has no eventType";
        }
        return isInsight ? "record is a CloudTrail Insight" : null;
    }
}
