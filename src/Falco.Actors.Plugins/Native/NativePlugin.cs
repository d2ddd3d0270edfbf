using System.Text.Json;
using Falco.Actors.Plugins.Abstractions;

namespace Falco.Actors.Plugins.Native;

/// <summary>A loaded native plugin library. Creating an instance calls init; the library is never unloaded.</summary>
internal sealed unsafe class NativePlugin(PluginInfo info, NativeExports exports, NativeAbi abi, PluginLogger? log) : IPlugin
{
    public PluginInfo Info { get; } = info;
    public NativeExports Exports { get; } = exports;
    public NativeAbi Abi { get; } = abi;

    /// <summary>Names the plugin and its file in every message.</summary>
    public string Where => $"plugin '{Info.Name}' ({Info.Location})";

    public IPluginInstance CreateInstance(string initConfig)
    {
        var config = string.IsNullOrEmpty(initConfig) ? "{}" : initConfig;
        if (Info.InitSchema is not null)
        {
            // libsinsp parses the config when the plugin publishes a JSON schema (full schema validation is not done here).
            try
            {
                using var _ = JsonDocument.Parse(config);
            }
            catch (JsonException e)
            {
                throw new PluginException($"{Where}: the init config is not valid JSON: {e.Message}");
            }
        }
        var owner = new PluginOwner(Info.Name, log);
        var text = NativeText.Alloc(config);
        nint state;
        int rc;
        try
        {
            state = Abi.Init(Exports, text, owner, out rc);
        }
        finally
        {
            NativeText.Free(text);
        }
        if (rc == PluginRc.Success && state != 0)
        {
            return new NativeInstance(this, state, owner);
        }
        string message;
        if (state != 0)
        {
            // A state returned with a failure carries the error, and must still be destroyed.
            message = LastError(state);
            Destroy(state);
        }
        else
        {
            message = rc == PluginRc.Success
                ? "init returned no state"
                : "init returned no state, so the plugin could not give an error message";
        }
        owner.Dispose();
        throw new PluginException($"{Where}: init failed: {message}");
    }

    /// <summary>The plugin's last error for a state; a NULL or empty one reads as a note that there is none.</summary>
    public string LastError(nint state)
    {
        var text = NativeText.Read(((delegate* unmanaged[Cdecl]<nint, byte*>)Exports.GetLastError)(state));
        return string.IsNullOrEmpty(text) ? "(the plugin gave no error message)" : text;
    }

    public void Destroy(nint state) => ((delegate* unmanaged[Cdecl]<nint, void>)Exports.Destroy)(state);
}
