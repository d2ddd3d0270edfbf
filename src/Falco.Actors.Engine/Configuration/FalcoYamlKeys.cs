using Falco.Actors.Rules;
using Falco.Actors.Rules.RuleSets;

namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// Every top-level key of falco.yaml this engine reads, each declared once: its name and its binder. The defaults
/// are <see cref="FalcoConfiguration"/>'s initial values; a root key not in <see cref="All"/> is unknown. Keys bind
/// in this order, so a binder may read a value bound before it (<c>load_plugins</c> checks its names against
/// <c>plugins</c>), and the first error found is the first in this order.
/// </summary>
internal static class FalcoYamlKeys
{
    public static readonly IReadOnlyList<FalcoYamlKey> All =
    [
        // Merged into the tree before binding (ConfigIncludes); what it read is FalcoConfiguration.ConfigFilesRead.
        new(ConfigIncludes.Key, (_, _, c, _) => c),
        new("plugins", (root, key, c, dir) => c with { Plugins = PluginsBinder.BindPlugins(root, key, dir) ?? c.Plugins }),
        new("load_plugins", (root, key, c, _) => c with { LoadPlugins = PluginsBinder.BindLoadPlugins(root, key, c.Plugins) ?? c.LoadPlugins }),
        new("rules_files", RulesFiles),
        new("rules_file", DeprecatedRulesFile),
        new("json_output", (root, key, c, _) => c with { JsonOutput = root.Bool(key, c.JsonOutput) }),
        new("json_include_output_property", (root, key, c, _) => c with { JsonIncludeOutputProperty = root.Bool(key, c.JsonIncludeOutputProperty) }),
        new("json_include_tags_property", (root, key, c, _) => c with { JsonIncludeTagsProperty = root.Bool(key, c.JsonIncludeTagsProperty) }),
        new("json_include_message_property", (root, key, c, _) => c with { JsonIncludeMessageProperty = root.Bool(key, c.JsonIncludeMessageProperty) }),
        new("json_include_output_fields_property", (root, key, c, _) => c with { JsonIncludeOutputFieldsProperty = root.Bool(key, c.JsonIncludeOutputFieldsProperty) }),
        new("priority", (root, key, c, _) => c with { Priority = MinimumPriority(root, key, c.Priority) }),
        new("buffered_outputs", (root, key, c, _) => c with { BufferedOutputs = root.Bool(key, c.BufferedOutputs) }),
        new("time_format_iso_8601", (root, key, c, _) => c with { TimeFormatIso8601 = root.Bool(key, c.TimeFormatIso8601) }),
        new("rule_matching", (root, key, c, _) => c with { RuleMatching = Matching(root, key, c.RuleMatching) }),
        new("output_timeout", (root, key, c, _) => c with { OutputTimeoutMs = root.Int(key, c.OutputTimeoutMs, 1, int.MaxValue) }),
        new("stdout_output", (root, key, c, _) => c with { StdoutOutput = OutputsBinder.Simple(root, key, c.StdoutOutput) }),
        new("syslog_output", (root, key, c, _) => c with { SyslogOutput = OutputsBinder.Simple(root, key, c.SyslogOutput) }),
        new("file_output", (root, key, c, dir) => c with { FileOutput = OutputsBinder.File(root, key, c.FileOutput, dir) }),
        new("program_output", (root, key, c, _) => c with { ProgramOutput = OutputsBinder.Program(root, key, c.ProgramOutput) }),
        new("http_output", (root, key, c, _) => c with { HttpOutput = OutputsBinder.Http(root, key, c.HttpOutput) }),
        new("outputs", (root, key, c, _) => c with { Outputs = OutputsBinder.Rate(root, key, c.Outputs) }),
        new("outputs_queue", (root, key, c, _) => c with { OutputsQueue = OutputsBinder.Queue(root, key, c.OutputsQueue) }),
        new("webserver", (root, key, c, _) => c with { Webserver = Webserver(root, key, c.Webserver) }),
        new("metrics", (root, key, c, dir) => c with { Metrics = MetricsBinder.Bind(root, key, c.Metrics, dir) }),
        new("log_level", (root, key, c, _) => c with { Logging = c.Logging with { Level = LogLevel(root, key, c.Logging.Level) } }),
        new("log_stderr", (root, key, c, _) => c with { Logging = c.Logging with { Stderr = root.Bool(key, c.Logging.Stderr) } }),
        new("log_syslog", (root, key, c, _) => c with { Logging = c.Logging with { Syslog = root.Bool(key, c.Logging.Syslog) } }),
        new("rules", (root, key, c, _) => c with { RulesSelection = RuleSelectionBinder.Bind(root, key) ?? c.RulesSelection }),
        new("append_output", (root, key, c, _) => AppendOutputBinder.Apply(root, key, c)),
        new("static_fields", (root, key, c, _) => c with { StaticFields = StaticFieldsBinder.Bind(root, key) ?? c.StaticFields }),
        new("watch_config_files", (root, key, c, _) => c with { WatchConfigFiles = root.Bool(key, c.WatchConfigFiles) }),
        new("engine_actors", (root, key, c, dir) => c with { EngineActors = PluginRunBinder.CheckNames(EngineActorsBinder.Bind(root, key, c.EngineActors, dir), c.Plugins) }),
    ];

    private static readonly HashSet<string> Names = [.. All.Select(k => k.Name)];

    private static readonly string[] LogLevels = ["emergency", "alert", "critical", "error", "warning", "notice", "info", "debug"];

    public static bool IsKnown(string name) => Names.Contains(name);

    private static FalcoConfiguration RulesFiles(ConfigMap root, string key, FalcoConfiguration c, string baseDirectory) =>
        c with { RulesFiles = Resolve(root.StringList(key) ?? [.. c.RulesFiles.Select(p => p.Raw)], baseDirectory) };

    /// <summary>Falco's deprecated singular <c>rules_file</c>: read with a warning; an error beside <c>rules_files</c>.</summary>
    private static FalcoConfiguration DeprecatedRulesFile(ConfigMap root, string key, FalcoConfiguration c, string baseDirectory)
    {
        if (root.StringList(key) is not { } files)
        {
            return c;
        }
        if (root.Has("rules_files"))
        {
            throw root.Error(key, "both 'rules_files' and 'rules_file' keys set; use only 'rules_files'");
        }
        var warning = new ConfigWarning(root.LocationOf(key), key,
            "Using deprecated config key 'rules_file' (singular form). Please use new 'rules_files' config key (plural form).");
        return c with { RulesFiles = Resolve(files, baseDirectory), Warnings = [.. c.Warnings, warning] };
    }

    private static ConfigPath[] Resolve(IReadOnlyList<string> files, string baseDirectory) =>
        files.Select(f => ConfigPath.Resolve(f, baseDirectory)).ToArray();

    private static Priority MinimumPriority(ConfigMap root, string key, Priority fallback)
    {
        if (!root.Has(key))
        {
            return fallback;
        }
        var text = root.String(key, "");
        return PriorityNames.TryParse(text, out var priority)
            ? priority
            : throw root.Error(key,
                $"Unknown priority \"{text}\"--must be one of emergency, alert, critical, error, warning, notice, informational, debug");
    }

    private static RuleMatching Matching(ConfigMap root, string key, RuleMatching fallback) =>
        !root.Has(key) ? fallback : root.String(key, "") switch
        {
            "first" => RuleMatching.First,
            "all" => RuleMatching.All,
            var other => throw root.Error(key, $"Unknown rule matching strategy \"{other}\"--must be one of first, all"),
        };

    private static WebserverConfig Webserver(ConfigMap root, string key, WebserverConfig d)
    {
        var map = root.Section(key);
        return new WebserverConfig(
            Enabled: map.Bool("enabled", d.Enabled),
            ListenPort: map.Int("listen_port", d.ListenPort, 0, 65535),
            ListenAddress: map.String("listen_address", d.ListenAddress),
            K8sHealthzEndpoint: map.String("k8s_healthz_endpoint", d.K8sHealthzEndpoint))
        {
            SslEnabled = map.Bool("ssl_enabled", d.SslEnabled),
            SslCertificate = map.String("ssl_certificate", d.SslCertificate),
            Threadiness = map.Int("threadiness", d.Threadiness, 0, 1024),
            PrometheusMetricsEnabled = map.Bool("prometheus_metrics_enabled", d.PrometheusMetricsEnabled),
        };
    }

    private static string LogLevel(ConfigMap root, string key, string fallback)
    {
        var level = root.String(key, fallback);
        return LogLevels.Contains(level)
            ? level
            : throw root.Error(key, $"Unknown log level \"{level}\"--must be one of {string.Join(", ", LogLevels)}");
    }
}
