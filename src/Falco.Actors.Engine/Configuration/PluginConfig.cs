namespace Falco.Actors.Engine.Configuration;

/// <summary>One entry of <c>plugins:</c>.</summary>
/// <param name="Name">The name the plugin must report.</param>
/// <param name="LibraryPath">The shared library; relative paths are resolved against the config file's folder.</param>
/// <param name="InitConfig">The init config text: a string as written, or a YAML map as compact JSON; "" when absent or null.</param>
/// <param name="OpenParams">The open parameters, trimmed; "" when absent.</param>
public sealed record PluginConfig(string Name, ConfigPath LibraryPath, string InitConfig, string OpenParams, ConfigLocation Location);
