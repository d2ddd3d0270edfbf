using Falco.Actors.Rules;
using Falco.Actors.Rules.RuleSets;

namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// Loads falco.yaml into a <see cref="FalcoConfiguration"/>: parse the YAML, apply the <c>-o key=value</c>
/// options to the tree, then bind every key with its file position. Relative paths (<c>rules_files</c>,
/// <c>file_output.filename</c>, <c>plugins[].library_path</c>) are resolved against the folder of the
/// configuration file; the text as written is kept in <see cref="ConfigPath.Raw"/>.
/// </summary>
public static class FalcoConfigurationLoader
{
    private static readonly string[] KnownKeys =
    [
        "plugins", "load_plugins", "rules_files", "rules_file", "json_output", "json_include_output_property",
        "json_include_tags_property", "json_include_message_property", "json_include_output_fields_property",
        "priority", "buffered_outputs", "time_format_iso_8601", "rule_matching", "output_timeout",
        "stdout_output", "file_output", "syslog_output", "program_output", "http_output", "outputs", "webserver",
        "log_level", "log_stderr", "log_syslog", "append_output", EngineActorsBinder.Key,
    ];

    private static readonly string[] LogLevels = ["emergency", "alert", "critical", "error", "warning", "notice", "info", "debug"];

    /// <summary>Falco's default rules files, used when neither <c>rules_files</c> nor <c>rules_file</c> is set.</summary>
    public static readonly IReadOnlyList<string> DefaultRulesFiles =
        ["/etc/falco/falco_rules.yaml", "/etc/falco/falco_rules.local.yaml", "/etc/falco/rules.d"];

    /// <summary>Loads a configuration file, then applies <paramref name="options"/> (<c>-o key=value</c>, in order).</summary>
    public static FalcoConfiguration LoadFile(string path, IEnumerable<string>? options = null)
    {
        var full = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConfigurationException(full, "configuration file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(full, $"cannot read the configuration file: {e.Message}", e);
        }
        return LoadText(text, full, Path.GetDirectoryName(full)!, options);
    }

    /// <summary>
    /// Loads configuration text; <paramref name="fileName"/> names it in errors and <paramref name="baseDirectory"/>
    /// resolves its relative paths.
    /// </summary>
    public static FalcoConfiguration LoadText(string yaml, string fileName, string baseDirectory, IEnumerable<string>? options = null)
    {
        var document = ConfigDocument.Parse(yaml, fileName);
        ConfigOverrides.Apply(document, options ?? []);
        return Bind(new ConfigMap(document, document.Root, ""), baseDirectory);
    }

    private static FalcoConfiguration Bind(ConfigMap root, string baseDirectory)
    {
        var warnings = new List<ConfigWarning>();
        var plugins = PluginsBinder.BindPlugins(root, baseDirectory);
        return new FalcoConfiguration
        {
            FilePath = root.Document.File,
            Plugins = plugins,
            LoadPlugins = PluginsBinder.BindLoadPlugins(root, plugins),
            RulesFiles = RulesFiles(root, baseDirectory, warnings),
            JsonOutput = root.Bool("json_output", false),
            JsonIncludeOutputProperty = root.Bool("json_include_output_property", true),
            JsonIncludeTagsProperty = root.Bool("json_include_tags_property", true),
            JsonIncludeMessageProperty = root.Bool("json_include_message_property", false),
            JsonIncludeOutputFieldsProperty = root.Bool("json_include_output_fields_property", true),
            Priority = MinimumPriority(root),
            BufferedOutputs = root.Bool("buffered_outputs", false),
            TimeFormatIso8601 = root.Bool("time_format_iso_8601", false),
            RuleMatching = Matching(root),
            OutputTimeoutMs = root.Int("output_timeout", 2000, 1, int.MaxValue),
            StdoutOutput = new SimpleOutputConfig(root.Map("stdout_output")?.Bool("enabled", true) ?? true),
            SyslogOutput = new SimpleOutputConfig(root.Map("syslog_output")?.Bool("enabled", true) ?? true),
            FileOutput = FileOutput(root, baseDirectory),
            ProgramOutput = ProgramOutput(root),
            HttpOutput = HttpOutput(root),
            Outputs = new OutputRateConfig(
                root.Map("outputs")?.Number("rate", 0, 0) ?? 0,
                root.Map("outputs")?.Number("max_burst", 1000, 0) ?? 1000),
            Webserver = Webserver(root),
            Logging = Logging(root),
            AppendOutput = AppendOutputBinder.Bind(root),
            EngineActors = EngineActorsBinder.Bind(root),
            UnknownKeys = root.Keys.Select(k => k.Key).Where(k => !KnownKeys.Contains(k)).ToArray(),
            Warnings = warnings,
        };
    }

    private static IReadOnlyList<ConfigPath> RulesFiles(ConfigMap root, string baseDirectory, List<ConfigWarning> warnings)
    {
        var plural = root.StringList("rules_files");
        var singular = root.StringList("rules_file");
        if (plural is not null && singular is not null)
        {
            throw root.Error("rules_file", "both 'rules_files' and 'rules_file' keys set; use only 'rules_files'");
        }
        if (singular is not null)
        {
            warnings.Add(new ConfigWarning(root.LocationOf("rules_file"), "rules_file",
                "Using deprecated config key 'rules_file' (singular form). Please use new 'rules_files' config key (plural form)."));
        }
        return (plural ?? singular ?? DefaultRulesFiles).Select(f => ConfigPath.Resolve(f, baseDirectory)).ToArray();
    }

    private static Priority MinimumPriority(ConfigMap root)
    {
        var text = root.String("priority", "debug");
        return PriorityNames.TryParse(text, out var priority)
            ? priority
            : throw root.Error("priority",
                $"Unknown priority \"{text}\"--must be one of emergency, alert, critical, error, warning, notice, informational, debug");
    }

    private static RuleMatching Matching(ConfigMap root) => root.String("rule_matching", "first") switch
    {
        "first" => RuleMatching.First,
        "all" => RuleMatching.All,
        var other => throw root.Error("rule_matching", $"Unknown rule matching strategy \"{other}\"--must be one of first, all"),
    };

    private static FileOutputConfig FileOutput(ConfigMap root, string baseDirectory)
    {
        var map = root.Map("file_output");
        var enabled = map?.Bool("enabled", false) ?? false;
        var filename = map?.String("filename", "./events.txt") ?? "./events.txt";
        if (enabled && filename.Length == 0)
        {
            throw root.Error("file_output", "file output enabled but no filename in configuration block");
        }
        return new FileOutputConfig(enabled, ConfigPath.Resolve(filename, baseDirectory), map?.Bool("keep_alive", false) ?? false);
    }

    private static ProgramOutputConfig ProgramOutput(ConfigMap root)
    {
        const string DefaultProgram = "jq '{text: .output}' | curl -d @- -X POST https://hooks.slack.com/services/XXX";
        var map = root.Map("program_output");
        var enabled = map?.Bool("enabled", false) ?? false;
        var program = map?.String("program", DefaultProgram) ?? DefaultProgram;
        if (enabled && program.Trim().Length == 0)
        {
            throw root.Error("program_output", "program output enabled but no program in configuration block");
        }
        return new ProgramOutputConfig(enabled, program, map?.Bool("keep_alive", false) ?? false);
    }

    private static HttpOutputConfig HttpOutput(ConfigMap root)
    {
        var map = root.Map("http_output");
        var enabled = map?.Bool("enabled", false) ?? false;
        var url = map?.String("url", "") ?? "";
        if (enabled)
        {
            if (url.Length == 0)
            {
                throw root.Error("http_output", "http output enabled but no url in configuration block");
            }
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw map!.Error("url", $"expected an http:// or https:// URL, got '{url}'");
            }
        }
        return new HttpOutputConfig(
            Enabled: enabled,
            Url: url,
            UserAgent: map?.String("user_agent", "falcosecurity/falco") ?? "falcosecurity/falco",
            Insecure: map?.Bool("insecure", false) ?? false,
            CaCert: map?.String("ca_cert", "") ?? "",
            CaBundle: map?.String("ca_bundle", "") ?? "",
            CaPath: map?.String("ca_path", "/etc/falco/certs/") ?? "/etc/falco/certs/",
            Mtls: map?.Bool("mtls", false) ?? false,
            ClientCert: map?.String("client_cert", "/etc/falco/certs/client/client.crt") ?? "/etc/falco/certs/client/client.crt",
            ClientKey: map?.String("client_key", "/etc/falco/certs/client/client.key") ?? "/etc/falco/certs/client/client.key",
            CompressUploads: map?.Bool("compress_uploads", false) ?? false,
            KeepAlive: map?.Bool("keep_alive", false) ?? false,
            Echo: map?.Bool("echo", false) ?? false);
    }

    private static WebserverConfig Webserver(ConfigMap root)
    {
        var map = root.Map("webserver");
        return new WebserverConfig(
            Enabled: map?.Bool("enabled", true) ?? true,
            ListenPort: map?.Int("listen_port", 8765, 0, 65535) ?? 8765,
            ListenAddress: map?.String("listen_address", "0.0.0.0") ?? "0.0.0.0",
            K8sHealthzEndpoint: map?.String("k8s_healthz_endpoint", "/healthz") ?? "/healthz");
    }

    private static LoggingConfig Logging(ConfigMap root)
    {
        var level = root.String("log_level", "info");
        if (!LogLevels.Contains(level))
        {
            throw root.Error("log_level", $"Unknown log level \"{level}\"--must be one of {string.Join(", ", LogLevels)}");
        }
        return new LoggingConfig(level, root.Bool("log_stderr", true), root.Bool("log_syslog", true));
    }
}
