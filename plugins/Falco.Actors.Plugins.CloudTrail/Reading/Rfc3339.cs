namespace Falco.Actors.Plugins.CloudTrail.Reading;

/// <summary>
/// RFC 3339 timestamps as Go's <c>time.Parse(time.RFC3339, ...)</c> accepts them
/// (<c>YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)</c>), parsed from UTF-8 without allocating.
/// </summary>
public static class Rfc3339
{
    private const long UnixEpochTicks = 621355968000000000L;

    /// <summary>Nanoseconds since the Unix epoch, or false when the text is not such a timestamp (or is before 1970).</summary>
    public static bool TryParseNs(ReadOnlySpan<byte> text, out ulong nanoseconds)
    {
        nanoseconds = 0;
        if (text.Length < 20 || text[4] != '-' || text[7] != '-' || (text[10] | 0x20) != 't' || text[13] != ':' || text[16] != ':')
        {
            return false;
        }
        if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day) ||
            !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second))
        {
            return false;
        }
        var i = 19;
        long fractionNs = 0;
        if (text[i] == '.')
        {
            i++;
            var scale = 100_000_000L;
            var start = i;
            while (i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9')
            {
                fractionNs += (text[i] - '0') * scale;
                scale /= 10;
                i++;
            }
            if (i == start)
            {
                return false;
            }
        }
        if (i >= text.Length)
        {
            return false;
        }
        var offsetMinutes = 0;
        if ((text[i] | 0x20) == 'z')
        {
            i++;
        }
        else if (text[i] is (byte)'+' or (byte)'-')
        {
            if (text.Length - i != 6 || text[i + 3] != ':' || !Digits(text, i + 1, 2, out var oh) || !Digits(text, i + 4, 2, out var om)
                || oh > 23 || om > 59)
            {
                return false;
            }
            offsetMinutes = (oh * 60 + om) * (text[i] == '-' ? -1 : 1);
            i += 6;
        }
        else
        {
            return false;
        }
        if (i != text.Length || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(1, year), month)
            || hour > 23 || minute > 59 || second > 59 || year < 1)
        {
            return false;
        }
        var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks
            - offsetMinutes * TimeSpan.TicksPerMinute - UnixEpochTicks;
        if (ticks < 0)
        {
            return false;
        }
        nanoseconds = (ulong)ticks * 100UL + (ulong)fractionNs;
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = text[i] - '0';
            if ((uint)d > 9)
            {
                return false;
            }
            value = value * 10 + d;
        }
        return true;
    }
}
