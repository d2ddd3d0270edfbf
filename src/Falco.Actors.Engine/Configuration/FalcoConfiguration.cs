using Falco.Actors.Rules;
using Falco.Actors.Rules.RuleSets;

namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// A loaded falco.yaml (after <c>-o</c> overrides), immutable. Load it with <see cref="FalcoConfigurationLoader"/>.
/// Absent keys take the values of the falco.yaml Falco ships (see docs/configuration.md).
/// </summary>
public sealed record FalcoConfiguration
{
    /// <summary>The configuration file (full path), or the name given to text loaded from memory.</summary>
    public required string FilePath { get; init; }

    public required IReadOnlyList<PluginConfig> Plugins { get; init; }

    /// <summary><c>load_plugins</c>; null when the key is absent (then every entry of <see cref="Plugins"/> loads, in order).</summary>
    public required IReadOnlyList<string>? LoadPlugins { get; init; }

    /// <summary><c>rules_files</c> (or the deprecated <c>rules_file</c>): files or folders, in order.</summary>
    public required IReadOnlyList<ConfigPath> RulesFiles { get; init; }

    public required bool JsonOutput { get; init; }
    public required bool JsonIncludeOutputProperty { get; init; }
    public required bool JsonIncludeTagsProperty { get; init; }
    public required bool JsonIncludeMessageProperty { get; init; }
    public required bool JsonIncludeOutputFieldsProperty { get; init; }

    /// <summary>Minimum priority of the rules that are loaded.</summary>
    public required Priority Priority { get; init; }

    public required bool BufferedOutputs { get; init; }
    public required bool TimeFormatIso8601 { get; init; }
    public required RuleMatching RuleMatching { get; init; }

    /// <summary><c>output_timeout</c>: how long one output may take to deliver one alert, in milliseconds.</summary>
    public required int OutputTimeoutMs { get; init; }

    public required SimpleOutputConfig StdoutOutput { get; init; }
    public required FileOutputConfig FileOutput { get; init; }
    public required SimpleOutputConfig SyslogOutput { get; init; }
    public required ProgramOutputConfig ProgramOutput { get; init; }
    public required HttpOutputConfig HttpOutput { get; init; }
    public required OutputRateConfig Outputs { get; init; }
    public required WebserverConfig Webserver { get; init; }
    public required LoggingConfig Logging { get; init; }
    public required IReadOnlyList<AppendOutputConfig> AppendOutput { get; init; }
    public required EngineActorsConfig EngineActors { get; init; }

    /// <summary>Top-level keys this engine does not use; kept (and ignored), as Falco does.</summary>
    public required IReadOnlyList<string> UnknownKeys { get; init; }

    /// <summary>Deprecations and other problems that did not stop loading.</summary>
    public required IReadOnlyList<ConfigWarning> Warnings { get; init; }
}
