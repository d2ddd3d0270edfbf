using Falco.Actors.Plugins.Abstractions;

namespace Falco.Actors.Plugins.Native;

/// <summary>
/// Which capabilities a plugin's exported symbols give it, per API generation (plugin-api §2.2), and why a set is
/// inconsistent ("broken"). Sourcing identity (id, source) is read by the caller and passed in.
/// </summary>
internal static class CapabilityRules
{
    /// <summary>Reserved event source names a source plugin may not use (§9.1).</summary>
    public static readonly IReadOnlySet<string> ReservedSources = new HashSet<string>(StringComparer.Ordinal)
    {
        "syscall", "internal", "plugins",
    };

    /// <summary>Returns the capabilities, or throws a message-only error text through <paramref name="problem"/>.</summary>
    public static PluginCapabilities Detect(NativeExports x, uint major, uint id, string source, out string? problem)
    {
        problem = null;
        var caps = PluginCapabilities.None;
        var streamSymbols = new (string, nint)[] { ("open", x.Open), ("close", x.Close), ("next_batch", x.NextBatch) };
        var missingStream = x.Missing(streamSymbols).ToList();
        var anyStream = missingStream.Count < streamSymbols.Length;

        if (major == 0)
        {
            return DetectSeed(x, id, source, out problem);
        }
        if (anyStream && missingStream.Count > 0)
        {
            problem = $"has an inconsistent event sourcing capability: it exports only some of plugin_open, plugin_close, plugin_next_batch (missing {string.Join(", ", missingStream)})";
            return caps;
        }
        if (anyStream)
        {
            var hasId = id != 0;
            var hasSource = source.Length > 0;
            if (major >= 3 && hasId != hasSource)
            {
                problem = hasId
                    ? $"has an inconsistent event sourcing capability: plugin_get_id returns {id} but plugin_get_event_source returns no source"
                    : $"has an inconsistent event sourcing capability: plugin_get_event_source returns '{source}' but plugin_get_id returns 0";
                return caps;
            }
            if (major < 3 && (!hasId || !hasSource))
            {
                problem = $"has an inconsistent event sourcing capability: an API {major}.x source plugin needs a non-zero plugin_get_id and a plugin_get_event_source (id {id}, source '{source}')";
                return caps;
            }
            caps |= PluginCapabilities.Sourcing;
        }
        if (x.ExtractFields != 0 && x.GetFields == 0)
        {
            problem = "has an inconsistent field extraction capability: it exports plugin_extract_fields without plugin_get_fields";
            return caps;
        }
        if (x.ExtractFields != 0)
        {
            caps |= PluginCapabilities.Extraction;
        }
        if (major >= 3)
        {
            if (x.ParseEvent != 0)
            {
                caps |= PluginCapabilities.Parsing;
            }
            if (x.SetAsyncEventHandler != 0 && x.GetAsyncEvents == 0)
            {
                problem = "has an inconsistent async events capability: it exports plugin_set_async_event_handler without plugin_get_async_events";
                return caps;
            }
            if (x.SetAsyncEventHandler != 0)
            {
                caps |= PluginCapabilities.Async;
            }
            if (x.CaptureOpen != 0 && x.CaptureClose == 0)
            {
                problem = "has an inconsistent capture listening capability: it exports plugin_capture_open without plugin_capture_close";
                return caps;
            }
            if (x.CaptureOpen != 0)
            {
                caps |= PluginCapabilities.CaptureListening;
            }
        }
        if (caps == PluginCapabilities.None)
        {
            problem = "has no capability: it exports neither event sourcing (plugin_open, plugin_close, plugin_next_batch) nor field extraction (plugin_get_fields, plugin_extract_fields)";
        }
        return caps;
    }

    /// <summary>API 0.x: plugin_get_type chooses source (1) or extractor (2).</summary>
    private static unsafe PluginCapabilities DetectSeed(NativeExports x, uint id, string source, out string? problem)
    {
        problem = null;
        if (x.GetType == 0)
        {
            problem = "is an API 0.x plugin without plugin_get_type";
            return PluginCapabilities.None;
        }
        var type = ((delegate* unmanaged[Cdecl]<uint>)x.GetType)();
        var hasFields = x.GetFields != 0 && x.ExtractFields != 0;
        switch (type)
        {
            case 1:
                var missing = x.Missing(("get_id", x.GetId), ("get_event_source", x.GetEventSource), ("open", x.Open),
                    ("close", x.Close), ("next_batch", x.NextBatch)).ToList();
                // An id of 0 was allowed then (dummy_c 0.2.x has one; Falco 0.31 and sysdig load it): its events carry 0.
                if (missing.Count > 0 || source.Length == 0)
                {
                    problem = missing.Count > 0
                        ? $"is an API 0.x source plugin missing {string.Join(", ", missing)}"
                        : $"is an API 0.x source plugin without an event source (id {id}, source '{source}')";
                    return PluginCapabilities.None;
                }
                return PluginCapabilities.Sourcing | (hasFields ? PluginCapabilities.Extraction : PluginCapabilities.None);
            case 2:
                if (!hasFields)
                {
                    problem = "is an API 0.x extractor plugin without plugin_get_fields and plugin_extract_fields";
                    return PluginCapabilities.None;
                }
                return PluginCapabilities.Extraction;
            default:
                problem = $"is an API 0.x plugin of unknown type {type} (plugin_get_type must return 1 or 2)";
                return PluginCapabilities.None;
        }
    }
}
