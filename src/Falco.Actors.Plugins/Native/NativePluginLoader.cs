using System.Runtime.InteropServices;
using Falco.Actors.Plugins.Abstractions;

namespace Falco.Actors.Plugins.Native;

/// <summary>
/// Loads a Falco plugin shared library of any API generation (0.3, 1.x/2.x, 3.x) and checks it the way libs'
/// loader and libsinsp do (plugin-api §2). A loaded library is never unloaded (Go plugins cannot be).
/// Every refusal is a <see cref="PluginException"/> naming the file and what is wrong.
/// </summary>
public static class NativePluginLoader
{
    private static readonly (string, Func<NativeExports, nint>)[] RequiredSymbols =
    [
        ("get_required_api_version", x => x.GetRequiredApiVersion), ("get_version", x => x.GetVersion),
        ("get_name", x => x.GetName), ("get_description", x => x.GetDescription), ("get_contact", x => x.GetContact),
        ("init", x => x.Init), ("destroy", x => x.Destroy), ("get_last_error", x => x.GetLastError),
    ];

    /// <summary>Loads and checks the library at <paramref name="path"/>; <paramref name="log"/> receives plugin logs.</summary>
    public static IPlugin Load(string path, PluginLogger? log = null)
    {
        var full = System.IO.Path.GetFullPath(path);
        var where = $"plugin library '{full}'";
        if (!File.Exists(full))
        {
            throw new PluginException($"{where} does not exist");
        }
        nint library;
        try
        {
            library = NativeLibrary.Load(full);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            throw new PluginException($"{where} cannot be loaded: {e.Message}", e);
        }
        var x = new NativeExports(full, library);
        if (x.GetRequiredApiVersion == 0)
        {
            throw new PluginException($"{where} is not a Falco plugin: it does not export plugin_get_required_api_version");
        }
        var requiredText = x.CallString(x.GetRequiredApiVersion);
        if (!ApiVersion.TryParse(requiredText, out var required))
        {
            throw new PluginException($"{where} requires plugin API '{requiredText}', which is not a valid x.y.z version");
        }
        var abi = NativeAbi.For(required.Major)
            ?? throw new PluginException($"{where} requires plugin API {requiredText}, whose major version {required.Major} this host does not support (supported: 0.3.0, 1.x, 2.x, 3.x up to {Abi3.Version})");
        if (!abi.HostVersion.Accepts(required))
        {
            throw new PluginException($"{where} requires plugin API {requiredText}, which is not compatible with this host's {abi.HostVersion}");
        }
        var missing = RequiredSymbols.Where(s => s.Item2(x) == 0).Select(s => "plugin_" + s.Item1).ToList();
        if (missing.Count > 0)
        {
            throw new PluginException($"{where} is missing required symbols: {string.Join(", ", missing)}");
        }
        return new NativePlugin(ReadInfo(x, required, requiredText!, where), x, abi, log);
    }

    private static unsafe PluginInfo ReadInfo(NativeExports x, ApiVersion required, string requiredText, string where)
    {
        var name = x.CallString(x.GetName);
        if (string.IsNullOrEmpty(name))
        {
            throw new PluginException($"{where}: plugin_get_name returns no name");
        }
        where = $"plugin '{name}' ({x.Path})";
        var version = x.CallString(x.GetVersion);
        if (!ApiVersion.TryParse(version, out _))
        {
            throw new PluginException($"{where}: plugin_get_version returns '{version}', which is not a valid x.y.z version");
        }
        var id = x.GetId == 0 ? 0u : ((delegate* unmanaged[Cdecl]<uint>)x.GetId)();
        var source = x.CallString(x.GetEventSource) ?? "";
        var caps = CapabilityRules.Detect(x, required.Major, id, source, out var problem);
        if (problem is not null)
        {
            throw new PluginException($"{where} {problem}");
        }
        var sourcing = (caps & PluginCapabilities.Sourcing) != 0;
        if (sourcing && CapabilityRules.ReservedSources.Contains(source))
        {
            throw new PluginException($"{where} uses the reserved event source name '{source}'");
        }
        var extracting = (caps & PluginCapabilities.Extraction) != 0;
        var fields = extracting ? PluginFieldsJson.Parse(x.CallString(x.GetFields), where, required.Major, allowEmpty: sourcing) : [];
        if (fields.Count == 0)
        {
            // A source plugin whose get_fields is [] extracts nothing: it is loaded as a source without fields.
            caps &= ~PluginCapabilities.Extraction;
            extracting = false;
        }
        return new PluginInfo
        {
            Name = name,
            Version = version!,
            RequiredApiVersion = requiredText,
            Description = x.CallString(x.GetDescription) ?? "",
            Contact = x.CallString(x.GetContact) ?? "",
            Location = x.Path,
            Capabilities = caps,
            Id = sourcing ? id : 0,
            EventSource = sourcing && source.Length > 0 ? source : null,
            Fields = fields,
            ExtractEventSources = extracting
                ? PluginJsonLists.StringList(x.CallString(x.GetExtractEventSources), where, "get_extract_event_sources")
                : [],
            InitSchema = ReadInitSchema(x),
        };
    }

    private static unsafe string? ReadInitSchema(NativeExports x)
    {
        if (x.GetInitSchema == 0)
        {
            return null;
        }
        uint type = 0;
        var schema = NativeText.Read(((delegate* unmanaged[Cdecl]<uint*, byte*>)x.GetInitSchema)(&type));
        return type == 1 && !string.IsNullOrWhiteSpace(schema) ? schema : null;
    }
}
