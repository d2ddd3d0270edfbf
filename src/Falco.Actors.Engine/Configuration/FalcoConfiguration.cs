using Falco.Actors.Rules;
using Falco.Actors.Rules.RuleSets;

namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// A loaded falco.yaml (after <c>-o</c> overrides), immutable. Load it with <see cref="FalcoConfigurationLoader"/>.
/// The initial values below are the defaults, those of the falco.yaml Falco ships (docs/configuration.md), and the
/// only place they are written: <see cref="FalcoYamlKeys"/> binds each key over them, so an absent key keeps its
/// default.
/// </summary>
public sealed record FalcoConfiguration
{
    /// <summary>The configuration file (full path), or the name given to text loaded from memory.</summary>
    public required string FilePath { get; init; }

    public IReadOnlyList<PluginConfig> Plugins { get; init; } = [];

    /// <summary><c>load_plugins</c>; null when the key is absent (then every entry of <see cref="Plugins"/> loads, in order).</summary>
    public IReadOnlyList<string>? LoadPlugins { get; init; }

    /// <summary><c>rules_files</c> (or the deprecated <c>rules_file</c>): files or folders, in order.</summary>
    public IReadOnlyList<ConfigPath> RulesFiles { get; init; } =
        [.. FalcoConfigurationLoader.DefaultRulesFiles.Select(ConfigPath.AsWritten)];

    public bool JsonOutput { get; init; } = false;
    public bool JsonIncludeOutputProperty { get; init; } = true;
    public bool JsonIncludeTagsProperty { get; init; } = true;
    public bool JsonIncludeMessageProperty { get; init; } = false;
    public bool JsonIncludeOutputFieldsProperty { get; init; } = true;

    /// <summary>Minimum priority of the rules that are loaded.</summary>
    public Priority Priority { get; init; } = Priority.Debug;

    public bool BufferedOutputs { get; init; } = false;
    public bool TimeFormatIso8601 { get; init; } = false;
    public RuleMatching RuleMatching { get; init; } = RuleMatching.First;

    /// <summary><c>output_timeout</c>: how long one output may take to deliver one alert, in milliseconds.</summary>
    public int OutputTimeoutMs { get; init; } = 2000;

    public SimpleOutputConfig StdoutOutput { get; init; } = new(Enabled: true);

    /// <summary><c>file_output</c>; the default file is relative, and the loader resolves it against the configuration's folder.</summary>
    public FileOutputConfig FileOutput { get; init; } = new(Enabled: false, ConfigPath.AsWritten("./events.txt"), KeepAlive: false);

    public SimpleOutputConfig SyslogOutput { get; init; } = new(Enabled: true);

    public ProgramOutputConfig ProgramOutput { get; init; } = new(
        Enabled: false,
        Program: "jq '{text: .output}' | curl -d @- -X POST https://hooks.slack.com/services/XXX",
        KeepAlive: false);

    public HttpOutputConfig HttpOutput { get; init; } = new(
        Enabled: false,
        Url: "",
        UserAgent: "falcosecurity/falco",
        Insecure: false,
        CaCert: "",
        CaBundle: "",
        CaPath: "/etc/falco/certs/",
        Mtls: false,
        ClientCert: "/etc/falco/certs/client/client.crt",
        ClientKey: "/etc/falco/certs/client/client.key",
        CompressUploads: false,
        KeepAlive: false,
        Echo: false);

    public OutputRateConfig Outputs { get; init; } = new(Rate: 0, MaxBurst: 1000);

    /// <summary><c>outputs_queue</c>: Falco's default capacity 0 ("unbounded"; here <see cref="OutputsQueueConfig.DefaultCapacity"/> per output).</summary>
    public OutputsQueueConfig OutputsQueue { get; init; } = new(Capacity: 0);

    public WebserverConfig Webserver { get; init; } = new(Enabled: true, ListenPort: 8765, ListenAddress: "0.0.0.0", K8sHealthzEndpoint: "/healthz");

    /// <summary><c>metrics</c>: the periodic metrics snapshot (off by default, as in Falco).</summary>
    public MetricsConfig Metrics { get; init; } = MetricsConfig.Default;

    public LoggingConfig Logging { get; init; } = new(Level: "info", Stderr: true, Syslog: true);

    /// <summary><c>rules:</c>, the selections applied in order after the rules files are loaded.</summary>
    public IReadOnlyList<RuleSelection> RulesSelection { get; init; } = [];

    public IReadOnlyList<AppendOutputConfig> AppendOutput { get; init; } = [];

    /// <summary>
    /// <c>static_fields</c>: name to value (after <c>${ENV}</c> expansion); every source gets the string field
    /// <c>static.&lt;name&gt;</c>, suggested for outputs, as in Falco 0.44.
    /// </summary>
    public IReadOnlyDictionary<string, string> StaticFields { get; init; } = new Dictionary<string, string>();

    /// <summary>Reload when the configuration or a rules file (or folder) read at the start changes (the CLI watches them).</summary>
    public bool WatchConfigFiles { get; init; } = true;

    public EngineActorsConfig EngineActors { get; init; } = EngineActorsConfig.Default;

    /// <summary>Top-level keys this engine does not use; kept (and ignored), as Falco does.</summary>
    public IReadOnlyList<string> UnknownKeys { get; init; } = [];

    /// <summary>
    /// The configuration files read, in merge order: the main file (when loaded from a file), then those that
    /// <c>config_files</c> brought in (a folder's files sorted by path). What a reload must watch.
    /// </summary>
    public IReadOnlyList<string> ConfigFilesRead { get; init; } = [];

    /// <summary>The folders <c>config_files</c> listed that exist (a file added to one is read at the next load).</summary>
    public IReadOnlyList<string> ConfigFoldersRead { get; init; } = [];

    /// <summary>Schema mismatches, deprecations and other problems that did not stop loading.</summary>
    public IReadOnlyList<ConfigWarning> Warnings { get; init; } = [];

    /// <summary>
    /// Each top-level key's value as written (after <c>-o</c>), as canonical text without positions: what a reload
    /// compares to tell which keys changed (<see cref="ReloadableKeys"/>).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, string> KeyTexts { get; init; } = new Dictionary<string, string>();
}
