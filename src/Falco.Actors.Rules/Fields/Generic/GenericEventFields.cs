using Falco.Actors.Rules.Fields.Values;

namespace Falco.Actors.Rules.Fields.Generic;

/// <summary>
/// The generic <c>evt.*</c> fields every plugin source has (libsinsp sinsp_filtercheck_gen_event), provider "evt".
/// Field ids are the positions in <see cref="Fields"/>.
/// </summary>
public static class GenericEventFields
{
    public const string ProviderName = "evt";

    public const int Num = 0;
    public const int Time = 1;
    public const int TimeS = 2;
    public const int TimeIso8601 = 3;
    public const int DateTime = 4;
    public const int DateTimeS = 5;
    public const int RawTime = 6;
    public const int RawTimeS = 7;
    public const int RawTimeNs = 8;
    public const int RelTime = 9;
    public const int RelTimeS = 10;
    public const int RelTimeNs = 11;
    public const int PluginName = 12;
    public const int PluginInfo = 13;
    public const int Source = 14;
    public const int IsAsync = 15;
    public const int AsyncType = 16;
    public const int Hostname = 17;

    public static readonly IReadOnlyList<FieldInfo> Fields =
    [
        new("evt.num", FieldType.UInt64, "event number.") { Display = "Event Number" },
        new("evt.time", FieldType.String, "event timestamp as a time string that includes the nanosecond part.") { Display = "Time" },
        new("evt.time.s", FieldType.String, "event timestamp as a time string with no nanoseconds.") { Display = "Time (s)" },
        new("evt.time.iso8601", FieldType.String, "event timestamp in ISO 8601 format, including nanoseconds and time zone offset (in UTC).") { Display = "ISO 8601 Time" },
        new("evt.datetime", FieldType.String, "event timestamp as a time string that includes the date.") { Display = "Datetime" },
        new("evt.datetime.s", FieldType.String, "event timestamp as a datetime string with no nanoseconds.") { Display = "Datetime (s)" },
        new("evt.rawtime", FieldType.AbsTime, "absolute event timestamp, i.e. nanoseconds from epoch.") { Display = "Absolute Time" },
        new("evt.rawtime.s", FieldType.AbsTime, "integer part of the event timestamp (e.g. seconds since epoch).") { Display = "Absolute Time (s)" },
        new("evt.rawtime.ns", FieldType.AbsTime, "fractional part of the absolute event timestamp.") { Display = "Absolute Time (ns)" },
        new("evt.reltime", FieldType.RelTime, "number of nanoseconds from the beginning of the capture.") { Display = "Relative Time" },
        new("evt.reltime.s", FieldType.RelTime, "number of seconds from the beginning of the capture.") { Display = "Relative Time (s)" },
        new("evt.reltime.ns", FieldType.RelTime, "fractional part (in ns) of the time from the beginning of the capture.") { Display = "Relative Time (ns)" },
        new("evt.pluginname", FieldType.String, "if the event comes from a plugin-defined event source, the name of the plugin that generated it. The plugin must be currently loaded.") { Display = "Plugin Name" },
        new("evt.plugininfo", FieldType.String, "if the event comes from a plugin-defined event source, a summary of the event as formatted by the plugin. The plugin must be currently loaded.") { Display = "Plugin Info" },
        new("evt.source", FieldType.String, "the name of the source that produced the event.") { Display = "Event Source" },
        new("evt.is_async", FieldType.Bool, "'true' for asynchronous events, 'false' otherwise.") { Display = "Async Event" },
        new("evt.asynctype", FieldType.String, "If the event is asynchronous, the type of the event (e.g. 'container').") { Display = "Async-Event Type" },
        new("evt.hostname", FieldType.String, "The hostname of the underlying host can be customized by setting an environment variable (e.g. FALCO_HOSTNAME for the Falco agent).") { Display = "Hostname" },
    ];

    public static readonly FieldProvider Provider = new(ProviderName, Fields);

    /// <summary>A registry for <paramref name="source"/> holding the evt.* fields as provider 0.</summary>
    public static FieldRegistry CreateRegistry(string source)
    {
        var registry = new FieldRegistry(source);
        registry.Add(Provider);
        return registry;
    }

    /// <summary>True for a generic field (provider "evt" at 0) of the given id.</summary>
    public static bool Is(FieldRef field, int id) =>
        field.Provider == 0 && field.FieldId == id && ReferenceEquals(field.Info, Fields[id]);

    /// <summary>The time text fields, which JSON output renders as the event's integer nanoseconds.</summary>
    public static bool IsTimeText(FieldRef field) =>
        field.FieldId is >= Time and <= DateTimeS && Is(field, field.FieldId);

    /// <summary>libsinsp prints evt.rawtime.ns, evt.reltime and evt.reltime.ns zero-padded (<c>%09</c>).</summary>
    public static NumberFormat NumberFormatOf(FieldRef field) =>
        field.FieldId is RawTimeNs or RelTime or RelTimeNs && Is(field, field.FieldId)
            ? NumberFormat.ZeroPadded9
            : NumberFormat.Decimal;
}
