namespace Falco.Actors.Plugins.Native;

/// <summary>Severity of a plugin log message (ss_plugin_log_severity).</summary>
public enum PluginLogSeverity
{
    Fatal = 1,
    Critical = 2,
    Error = 3,
    Warning = 4,
    Notice = 5,
    Info = 6,
    Debug = 7,
    Trace = 8,
}

/// <summary>Receives a plugin's log messages: severity, component (the plugin name when it gives none), text.</summary>
public delegate void PluginLogger(PluginLogSeverity severity, string component, string message);
