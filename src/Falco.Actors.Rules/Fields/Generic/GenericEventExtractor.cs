using System.Text;
using Falco.Actors.Rules.Events;

namespace Falco.Actors.Rules.Fields.Generic;

/// <summary>
/// Extracts the <c>evt.*</c> fields of plugin events. Times print like libsinsp: <c>evt.time</c> local
/// <c>HH:MM:SS.nnnnnnnnn</c>, <c>evt.datetime</c> local <c>YYYY-MM-DD HH:MM:SS.nnnnnnnnn</c>,
/// <c>evt.time.iso8601</c> UTC <c>YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+0000</c>. Relative times count from the first
/// event this extractor saw (or <see cref="FirstEventTimestampNs"/> when set). Plugin events are never async,
/// so <c>evt.asynctype</c> is missing.
/// </summary>
public sealed class GenericEventExtractor : IFieldExtractor
{
    // Constant per extractor: encoded to UTF-8 once here, copied per event.
    private readonly byte[] _source;
    private readonly byte[]? _pluginName;
    private readonly byte[]? _hostname;
    private readonly Func<PluginEvent, string?>? _eventToString;
    private readonly TimeZoneInfo _zone;

    /// <param name="source">The event source name (<c>evt.source</c>).</param>
    /// <param name="pluginName">The plugin producing the events (<c>evt.pluginname</c>); null = missing.</param>
    /// <param name="hostname">The host name (<c>evt.hostname</c>); null = missing.</param>
    /// <param name="eventToString">The plugin's event_to_string (<c>evt.plugininfo</c>); null = missing.</param>
    /// <param name="zone">The local time zone for evt.time/evt.datetime (default: the machine's).</param>
    public GenericEventExtractor(string source, string? pluginName, string? hostname,
        Func<PluginEvent, string?>? eventToString = null, TimeZoneInfo? zone = null)
    {
        _source = Encoding.UTF8.GetBytes(source);
        _pluginName = pluginName is null ? null : Encoding.UTF8.GetBytes(pluginName);
        _hostname = hostname is null ? null : Encoding.UTF8.GetBytes(hostname);
        _eventToString = eventToString;
        _zone = zone ?? TimeZoneInfo.Local;
    }

    /// <summary>The timestamp relative times count from; set by the first extraction when not given.</summary>
    public ulong? FirstEventTimestampNs { get; set; }

    public void Extract(in PluginEvent evt, ReadOnlySpan<FieldRequest> requests, FieldValues values)
    {
        FirstEventTimestampNs ??= evt.TimestampNs;
        var ts = evt.TimestampNs;
        var rel = ts >= FirstEventTimestampNs.Value ? ts - FirstEventTimestampNs.Value : 0;
        foreach (var r in requests)
        {
            switch (r.FieldId)
            {
                case GenericEventFields.Num: values.AddNumber(r.Slot, evt.Num); break;
                case GenericEventFields.Time: WriteTime(values, r.Slot, ts, date: false, nanos: true, utc: false); break;
                case GenericEventFields.TimeS: WriteTime(values, r.Slot, ts, date: false, nanos: false, utc: false); break;
                case GenericEventFields.TimeIso8601: WriteTime(values, r.Slot, ts, date: true, nanos: true, utc: true); break;
                case GenericEventFields.DateTime: WriteTime(values, r.Slot, ts, date: true, nanos: true, utc: false); break;
                case GenericEventFields.DateTimeS: WriteTime(values, r.Slot, ts, date: true, nanos: false, utc: false); break;
                case GenericEventFields.RawTime: values.AddNumber(r.Slot, ts); break;
                case GenericEventFields.RawTimeS: values.AddNumber(r.Slot, ts / 1_000_000_000); break;
                case GenericEventFields.RawTimeNs: values.AddNumber(r.Slot, ts % 1_000_000_000); break;
                case GenericEventFields.RelTime: values.AddNumber(r.Slot, rel); break;
                case GenericEventFields.RelTimeS: values.AddNumber(r.Slot, rel / 1_000_000_000); break;
                case GenericEventFields.RelTimeNs: values.AddNumber(r.Slot, rel % 1_000_000_000); break;
                case GenericEventFields.PluginName: AddUtf8(values, r.Slot, _pluginName); break;
                case GenericEventFields.PluginInfo: AddText(values, r.Slot, _eventToString?.Invoke(evt)); break;
                case GenericEventFields.Source: values.AddBytes(r.Slot, _source); break;
                case GenericEventFields.IsAsync: values.AddBool(r.Slot, false); break;
                case GenericEventFields.AsyncType: break;
                case GenericEventFields.Hostname: AddUtf8(values, r.Slot, _hostname); break;
            }
        }
    }

    private static void AddText(FieldValues values, int slot, string? text)
    {
        if (text is not null)
        {
            values.AddString(slot, text);
        }
    }

    private static void AddUtf8(FieldValues values, int slot, byte[]? utf8)
    {
        if (utf8 is not null)
        {
            values.AddBytes(slot, utf8);
        }
    }

    private void WriteTime(FieldValues values, int slot, ulong ts, bool date, bool nanos, bool utc)
    {
        var seconds = (long)(ts / 1_000_000_000);
        var fraction = (uint)(ts % 1_000_000_000);
        var instant = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var at = utc ? instant.UtcDateTime : instant.ToOffset(_zone.GetUtcOffset(instant)).DateTime;
        Span<byte> text = stackalloc byte[40];
        var n = 0;
        if (date)
        {
            n += Digits(text[n..], at.Year, 4);
            text[n++] = (byte)'-';
            n += Digits(text[n..], at.Month, 2);
            text[n++] = (byte)'-';
            n += Digits(text[n..], at.Day, 2);
            text[n++] = utc ? (byte)'T' : (byte)' ';
        }
        n += Digits(text[n..], at.Hour, 2);
        text[n++] = (byte)':';
        n += Digits(text[n..], at.Minute, 2);
        text[n++] = (byte)':';
        n += Digits(text[n..], at.Second, 2);
        if (nanos)
        {
            text[n++] = (byte)'.';
            n += Digits(text[n..], (int)fraction, 9);
        }
        if (utc)
        {
            n += Encoding.ASCII.GetBytes("+0000", text[n..]);
        }
        values.AddBytes(slot, text[..n]);
    }

    private static int Digits(Span<byte> into, int value, int width)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            into[i] = (byte)('0' + value % 10);
            value /= 10;
        }
        return width;
    }
}
