using System.Runtime.InteropServices;

namespace Falco.Actors.Plugins.Native;

/// <summary>
/// The addresses of a plugin library's <c>plugin_*</c> symbols, resolved once at load (0 = not exported).
/// Signatures differ per API generation; callers cast to the right function pointer type.
/// </summary>
internal sealed class NativeExports
{
    public NativeExports(string path, nint library)
    {
        Path = path;
        Library = library;
        GetRequiredApiVersion = Find("get_required_api_version");
        GetVersion = Find("get_version");
        GetName = Find("get_name");
        GetDescription = Find("get_description");
        GetContact = Find("get_contact");
        GetLastError = Find("get_last_error");
        GetInitSchema = Find("get_init_schema");
        Init = Find("init");
        Destroy = Find("destroy");
        GetType = Find("get_type");
        GetId = Find("get_id");
        GetEventSource = Find("get_event_source");
        Open = Find("open");
        Close = Find("close");
        NextBatch = Find("next_batch");
        GetProgress = Find("get_progress");
        ListOpenParams = Find("list_open_params");
        EventToString = Find("event_to_string");
        GetFields = Find("get_fields");
        ExtractFields = Find("extract_fields");
        GetExtractEventSources = Find("get_extract_event_sources");
        GetExtractEventTypes = Find("get_extract_event_types");
        ParseEvent = Find("parse_event");
        GetAsyncEvents = Find("get_async_events");
        SetAsyncEventHandler = Find("set_async_event_handler");
        GetMetrics = Find("get_metrics");
        CaptureOpen = Find("capture_open");
        CaptureClose = Find("capture_close");
    }

    public string Path { get; }
    public nint Library { get; }
    public nint GetRequiredApiVersion { get; }
    public nint GetVersion { get; }
    public nint GetName { get; }
    public nint GetDescription { get; }
    public nint GetContact { get; }
    public nint GetLastError { get; }
    public nint GetInitSchema { get; }
    public nint Init { get; }
    public nint Destroy { get; }
    /// <summary>plugin_get_type, required by API 0.x only (1 = source, 2 = extractor).</summary>
    public new nint GetType { get; }
    public nint GetId { get; }
    public nint GetEventSource { get; }
    public nint Open { get; }
    public nint Close { get; }
    public nint NextBatch { get; }
    public nint GetProgress { get; }
    public nint ListOpenParams { get; }
    public nint EventToString { get; }
    public nint GetFields { get; }
    public nint ExtractFields { get; }
    public nint GetExtractEventSources { get; }
    public nint GetExtractEventTypes { get; }
    public nint ParseEvent { get; }
    public nint GetAsyncEvents { get; }
    public nint SetAsyncEventHandler { get; }
    public nint GetMetrics { get; }
    public nint CaptureOpen { get; }
    public nint CaptureClose { get; }

    /// <summary>The symbol names (with the plugin_ prefix) of the given members that are not exported.</summary>
    public IEnumerable<string> Missing(params (string Name, nint Address)[] symbols) =>
        symbols.Where(s => s.Address == 0).Select(s => "plugin_" + s.Name);

    /// <summary>Calls a <c>const char* (void)</c> symbol and copies its result (null when absent or NULL).</summary>
    public unsafe string? CallString(nint symbol) =>
        symbol == 0 ? null : NativeText.Read(((delegate* unmanaged[Cdecl]<byte*>)symbol)());

    private nint Find(string member) =>
        NativeLibrary.TryGetExport(Library, "plugin_" + member, out var address) ? address : 0;
}
