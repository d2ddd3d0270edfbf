namespace Falco.Actors.Plugins.Abstractions;

/// <summary>What a plugin can do (libsinsp plugin_caps). Only sourcing and extraction drive the engine today.</summary>
[Flags]
public enum PluginCapabilities
{
    None = 0,
    Sourcing = 1,
    Extraction = 2,
    Parsing = 4,
    Async = 8,
    CaptureListening = 16,
}
