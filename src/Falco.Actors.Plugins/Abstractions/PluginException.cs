namespace Falco.Actors.Plugins.Abstractions;

/// <summary>A plugin was refused or one of its calls failed; the message names the plugin and what is wrong.</summary>
public class PluginException(string message, Exception? inner = null) : Exception(message, inner);
