using System.Text.Json;
using Falco.Actors.Engine.Configuration;
using Falco.Actors.Rules;
using Falco.Actors.Rules.RuleSets;

namespace Falco.Actors.Engine.Tests.Configuration;

public sealed class ConfigurationLoadingTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private FalcoConfiguration Load(string yaml, params string[] options) =>
        FalcoConfigurationLoader.LoadFile(_dir.Write("falco.yaml", yaml), options);

    [Fact]
    public void Empty_file_gives_the_defaults_of_falco_yaml()
    {
        var c = Load("");

        Assert.Equal(_dir.File("falco.yaml"), c.FilePath);
        Assert.Empty(c.Plugins);
        Assert.Null(c.LoadPlugins);
        Assert.Equal(FalcoConfigurationLoader.DefaultRulesFiles, c.RulesFiles.Select(r => r.Resolved));
        Assert.False(c.JsonOutput);
        Assert.True(c.JsonIncludeOutputProperty);
        Assert.True(c.JsonIncludeTagsProperty);
        Assert.False(c.JsonIncludeMessageProperty);
        Assert.True(c.JsonIncludeOutputFieldsProperty);
        Assert.Equal(Priority.Debug, c.Priority);
        Assert.False(c.BufferedOutputs);
        Assert.False(c.TimeFormatIso8601);
        Assert.True(c.WatchConfigFiles);
        Assert.Equal(RuleMatching.First, c.RuleMatching);
        Assert.Equal(2000, c.OutputTimeoutMs);
        Assert.True(c.StdoutOutput.Enabled);
        Assert.True(c.SyslogOutput.Enabled);
        Assert.Equal(new FileOutputConfig(false, new ConfigPath("./events.txt", _dir.File("events.txt")), false), c.FileOutput);
        Assert.False(c.ProgramOutput.Enabled);
        Assert.False(c.ProgramOutput.KeepAlive);
        Assert.Equal("falcosecurity/falco", c.HttpOutput.UserAgent);
        Assert.False(c.HttpOutput.Enabled);
        Assert.Equal("/etc/falco/certs/", c.HttpOutput.CaPath);
        Assert.Equal(5, c.HttpOutput.MaxConsecutiveTimeouts);
        Assert.Equal(new OutputRateConfig(0, 1000), c.Outputs);
        Assert.Equal(new WebserverConfig(true, 8765, "0.0.0.0", "/healthz"), c.Webserver);
        Assert.Equal(new LoggingConfig("info", true, true), c.Logging);
        Assert.Empty(c.RulesSelection);
        Assert.Empty(c.StaticFields);
        Assert.Equal(MetricsConfig.Default, c.Metrics);
        Assert.Equal((false, "1h", TimeSpan.FromHours(1), true, null), (c.Metrics.Enabled, c.Metrics.IntervalText, c.Metrics.Interval, c.Metrics.OutputRule, c.Metrics.OutputFile));
        Assert.Empty(c.AppendOutput);
        Assert.Equal(EngineActorsConfig.Default, c.EngineActors);
        Assert.Empty(c.UnknownKeys);
        Assert.Empty(c.Warnings);
    }

    [Fact]
    public void Every_falco_key_is_read()
    {
        var c = Load("""
            rules_files:
              - rules/a.yaml
              - /abs/b.yaml
            json_output: true
            json_include_output_property: false
            json_include_tags_property: no
            json_include_message_property: yes
            json_include_output_fields_property: false
            priority: warning
            buffered_outputs: true
            time_format_iso_8601: true
            watch_config_files: false
            rule_matching: all
            output_timeout: 500
            stdout_output:
              enabled: false
            syslog_output:
              enabled: false
            file_output:
              enabled: true
              keep_alive: true
              filename: out/events.txt
            program_output:
              enabled: true
              keep_alive: true
              program: "cat >> /tmp/x"
            http_output:
              enabled: true
              url: https://sidekick:2801/
              user_agent: me/1.0
              insecure: true
              ca_cert: /c/ca.pem
              ca_bundle: /c/bundle.pem
              ca_path: /c/
              mtls: true
              client_cert: /c/client.crt
              client_key: /c/client.key
              compress_uploads: true
              keep_alive: true
              echo: true
              max_consecutive_timeouts: 2
            outputs:
              rate: 0.5
              max_burst: 20
            webserver:
              enabled: false
              listen_port: 9000
              listen_address: 127.0.0.1
              k8s_healthz_endpoint: /health
              prometheus_metrics_enabled: true
            metrics:
              enabled: true
              interval: 1m30s
              output_rule: false
              output_file: out/metrics.jsonl
              rules_counters_enabled: false
              resource_utilization_enabled: false
              state_counters_enabled: false
              kernel_event_counters_enabled: false
              kernel_event_counters_per_cpu_enabled: true
              libbpf_stats_enabled: false
              plugins_metrics_enabled: false
              jemalloc_stats_enabled: true
              convert_memory_to_mb: false
              include_empty_values: true
            log_level: debug
            log_stderr: false
            log_syslog: false
            append_output:
              - match:
                  source: aws_cloudtrail
                  rule: Console Login Without MFA
                  tags: [aws, mfa]
                extra_output: "account=%ct.user.accountid"
                extra_fields:
                  - ct.region
                  - acct: "%ct.user.accountid"
              - suggested_output: true
            rules:
              - disable: {tag: experimental}
            static_fields:
              team: sec
            """);

        Assert.Equal([new ConfigPath("rules/a.yaml", _dir.File("rules/a.yaml")), new ConfigPath("/abs/b.yaml", "/abs/b.yaml")], c.RulesFiles);
        Assert.True(c.JsonOutput);
        Assert.False(c.JsonIncludeOutputProperty);
        Assert.False(c.JsonIncludeTagsProperty);
        Assert.True(c.JsonIncludeMessageProperty);
        Assert.False(c.JsonIncludeOutputFieldsProperty);
        Assert.Equal(Priority.Warning, c.Priority);
        Assert.True(c.BufferedOutputs);
        Assert.True(c.TimeFormatIso8601);
        Assert.False(c.WatchConfigFiles);
        Assert.Equal(RuleMatching.All, c.RuleMatching);
        Assert.Equal(500, c.OutputTimeoutMs);
        Assert.False(c.StdoutOutput.Enabled);
        Assert.False(c.SyslogOutput.Enabled);
        Assert.Equal(new FileOutputConfig(true, new ConfigPath("out/events.txt", _dir.File("out/events.txt")), true), c.FileOutput);
        Assert.Equal(new ProgramOutputConfig(true, "cat >> /tmp/x", true), c.ProgramOutput);
        Assert.Equal(
            new HttpOutputConfig(true, "https://sidekick:2801/", "me/1.0", true, "/c/ca.pem", "/c/bundle.pem", "/c/", true,
                "/c/client.crt", "/c/client.key", true, true, true) { MaxConsecutiveTimeouts = 2 },
            c.HttpOutput);
        Assert.Equal(new OutputRateConfig(0.5, 20), c.Outputs);
        Assert.Equal(new WebserverConfig(false, 9000, "127.0.0.1", "/health") { PrometheusMetricsEnabled = true }, c.Webserver);
        Assert.Equal(new MetricsConfig(true, "1m30s", TimeSpan.FromSeconds(90))
        {
            OutputRule = false,
            OutputFile = new ConfigPath("out/metrics.jsonl", _dir.File("out/metrics.jsonl")),
            RulesCountersEnabled = false,
            ResourceUtilizationEnabled = false,
            StateCountersEnabled = false,
            KernelEventCountersEnabled = false,
            KernelEventCountersPerCpuEnabled = true,
            LibbpfStatsEnabled = false,
            PluginsMetricsEnabled = false,
            JemallocStatsEnabled = true,
            ConvertMemoryToMb = false,
            IncludeEmptyValues = true,
        }, c.Metrics);
        Assert.Equal(new LoggingConfig("debug", false, false), c.Logging);
        Assert.Equal(2, c.AppendOutput.Count);
        var first = c.AppendOutput[0];
        Assert.Equal("aws_cloudtrail", first.Source);
        Assert.Equal("Console Login Without MFA", first.Rule);
        Assert.Equal(["aws", "mfa"], first.Tags);
        Assert.Equal("account=%ct.user.accountid", first.ExtraOutput);
        Assert.Equal([new ExtraField("ct.region", null), new ExtraField("acct", "%ct.user.accountid")], first.ExtraFields);
        Assert.False(first.SuggestedOutput);
        Assert.Null(c.AppendOutput[1].Source);
        Assert.True(c.AppendOutput[1].SuggestedOutput);
        Assert.Equal([new RuleSelection(false, null, "experimental")], c.RulesSelection);
        Assert.Equal("sec", Assert.Single(c.StaticFields).Value);
    }

    [Fact]
    public void Plugins_keep_name_path_open_params_and_init_config_as_text_or_json()
    {
        var c = Load("""
            plugins:
              - name: cloudtrail
                library_path: libcloudtrail.so
                init_config: ""
                open_params: "  s3://bucket/prefix  "
              - name: json
                library_path: /usr/share/falco/plugins/libjson.so
              - name: withmap
                library_path: ./lib/with.so
                init_config:
                  sqsDelete: false
                  s3DownloadConcurrency: 64
                  ratio: 0.5
                  name: "123"
                  nothing: ~
                  list: [a, 1]
                  nested: {k: v}
              - name: withstring
                library_path: x.so
                init_config: '{"a":1}'
              - name: withnull
                library_path: y.so
                init_config:
            load_plugins: [cloudtrail, withmap]
            """);

        Assert.Equal(["cloudtrail", "json", "withmap", "withstring", "withnull"], c.Plugins.Select(p => p.Name));
        Assert.Equal(new ConfigPath("libcloudtrail.so", _dir.File("libcloudtrail.so")), c.Plugins[0].LibraryPath);
        Assert.Equal("", c.Plugins[0].InitConfig);
        Assert.Equal("s3://bucket/prefix", c.Plugins[0].OpenParams);
        Assert.Equal("/usr/share/falco/plugins/libjson.so", c.Plugins[1].LibraryPath.Resolved);
        Assert.Equal("", c.Plugins[1].InitConfig);
        Assert.Equal("", c.Plugins[1].OpenParams);
        Assert.Equal(_dir.File("lib/with.so"), c.Plugins[2].LibraryPath.Resolved);
        Assert.Equal("""{"sqsDelete":false,"s3DownloadConcurrency":64,"ratio":0.5,"name":"123","nothing":null,"list":["a",1],"nested":{"k":"v"}}""",
            c.Plugins[2].InitConfig);
        Assert.Equal("""{"a":1}""", c.Plugins[3].InitConfig);
        Assert.Equal("", c.Plugins[4].InitConfig);
        Assert.Equal(["cloudtrail", "withmap"], c.LoadPlugins);
        Assert.Equal(2, c.Plugins[0].Location.Line);
    }

    [Fact]
    public void Empty_load_plugins_loads_none()
    {
        var c = Load("""
            plugins:
              - name: json
                library_path: libjson.so
            load_plugins: []
            """);

        Assert.NotNull(c.LoadPlugins);
        Assert.Empty(c.LoadPlugins);
    }

    [Fact]
    public void Deprecated_rules_file_is_accepted_with_a_warning_naming_its_line()
    {
        var c = Load("""
            json_output: false
            rules_file:
              - /etc/falco/falco_rules.yaml
            """);

        Assert.Equal(["/etc/falco/falco_rules.yaml"], c.RulesFiles.Select(r => r.Raw));
        var warning = Assert.Single(c.Warnings);
        Assert.Equal("rules_file", warning.Key);
        Assert.Contains("deprecated config key 'rules_file'", warning.Message);
        Assert.Equal(3, warning.Location.Line);
    }

    [Fact]
    public void A_single_rules_file_string_counts_as_a_list_of_one()
    {
        var c = Load("rules_files: my_rules.yaml\n");

        Assert.Equal(new ConfigPath("my_rules.yaml", _dir.File("my_rules.yaml")), Assert.Single(c.RulesFiles));
    }

    [Fact]
    public void Environment_variables_in_values_are_expanded_as_falco_does()
    {
        var name = "FALCO_ACTORS_TEST_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(name, "sidekick:2801");
        try
        {
            var c = Load($$"""
                http_output:
                  url: "http://${{{name}}}/alerts"
                  user_agent: "agent-$${literal}-${FALCO_ACTORS_SURELY_UNSET_VARIABLE}-$5"
                program_output:
                  program: "echo ${{{name}}} ${{{name}}}"
                """);

            Assert.Equal("http://sidekick:2801/alerts", c.HttpOutput.Url);
            Assert.Equal("agent-${literal}--$5", c.HttpOutput.UserAgent);
            Assert.Equal("echo sidekick:2801 sidekick:2801", c.ProgramOutput.Program);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Unknown_keys_are_kept_and_ignored()
    {
        var c = Load("""
            grpc:
              enabled: false
            not_a_falco_key: 1
            json_output: true
            """);

        Assert.Equal(["grpc", "not_a_falco_key"], c.UnknownKeys);
        Assert.True(c.JsonOutput);
    }

    [Fact]
    public void Engine_actors_section_is_read_with_its_cluster_sub_map()
    {
        var c = Load("""
            engine_actors:
              batch_size: 128
              batch_time_ms: 20
              batches_in_flight: 8
              partitions: 16
              partition_key: ct.user.accountid
              plugin_dispatcher: my-dispatcher
              plugin_call_timeout_s: 5
              shutdown_grace_s: 2
              cluster:
                enabled: true
                seed_nodes: ["akka.tcp://falco@10.0.0.1:4053", "akka.tcp://falco@10.0.0.2:4053"]
                hostname: 10.0.0.3
                port: 5000
                roles: [source, evaluator]
                placement: spread
                source_roles:
                  k8s_audit: ingest-k8s
            """);

        Assert.Equal(128, c.EngineActors.BatchSize);
        Assert.Equal(20, c.EngineActors.BatchTimeMs);
        Assert.Equal(8, c.EngineActors.BatchesInFlight);
        Assert.Equal(16, c.EngineActors.Partitions);
        Assert.Equal("ct.user.accountid", c.EngineActors.PartitionKey);
        Assert.Equal("my-dispatcher", c.EngineActors.PluginDispatcher);
        Assert.Equal(TimeSpan.FromSeconds(5), c.EngineActors.PluginCallTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), c.EngineActors.ShutdownGrace);
        Assert.True(c.EngineActors.Cluster.Enabled);
        Assert.Equal(["akka.tcp://falco@10.0.0.1:4053", "akka.tcp://falco@10.0.0.2:4053"], c.EngineActors.Cluster.SeedNodes);
        Assert.Equal("10.0.0.3", c.EngineActors.Cluster.Hostname);
        Assert.Equal(5000, c.EngineActors.Cluster.Port);
        Assert.Equal(["source", "evaluator"], c.EngineActors.Cluster.Roles);
        Assert.Equal(ShardPlacement.Spread, c.EngineActors.Cluster.Placement);
        Assert.Equal(new Dictionary<string, string> { ["k8s_audit"] = "ingest-k8s" }, c.EngineActors.Cluster.SourceRoles);
        Assert.Empty(Load("engine_actors:\n  cluster:\n    enabled: true\n").EngineActors.Cluster.SourceRoles);
        Assert.Equal(ShardPlacement.Local, Load("engine_actors:\n  cluster:\n    enabled: true\n").EngineActors.Cluster.Placement);
    }

    [Fact]
    public void Cluster_tls_paths_are_resolved_against_the_configuration_folder()
    {
        var c = Load("""
            engine_actors:
              cluster:
                tls:
                  certificate: certs/node.pfx
                  password: s3cret
                  ca: /etc/falco/ca.pem
                  insecure: false
            """);

        var tls = c.EngineActors.Cluster.Tls;
        Assert.Equal(Path.Combine(_dir.Path, "certs", "node.pfx"), tls.Certificate);
        Assert.Equal(("", "/etc/falco/ca.pem", "s3cret", false), (tls.Key, tls.Ca, tls.Password, tls.Insecure));
        Assert.DoesNotContain("s3cret", c.EngineActors.Cluster.ToString());
        Assert.True(Load("engine_actors:\n  cluster:\n    tls:\n      insecure: true\n").EngineActors.Cluster.Tls.Insecure);
    }

    [Fact]
    public void Partial_engine_actors_section_keeps_the_other_defaults()
    {
        var c = Load("engine_actors:\n  partitions: 2\n");

        Assert.Equal(EngineActorsConfig.Default with { Partitions = 2 }, c.EngineActors);
    }

    [Fact]
    public void The_repository_falco_yaml_loads()
    {
        var repoFalcoYaml = Path.Combine(RepositoryRoot(), "falco.yaml");

        var c = FalcoConfigurationLoader.LoadFile(repoFalcoYaml);

        Assert.NotEmpty(c.RulesFiles);
        Assert.All(c.RulesFiles, r => Assert.True(Path.IsPathRooted(r.Resolved)));
    }

    [Fact]
    public void Http_and_program_outputs_default_to_the_values_falco_ships()
    {
        var c = Load("");

        Assert.Equal(
            new HttpOutputConfig(false, "", "falcosecurity/falco", false, "", "", "/etc/falco/certs/", false,
                "/etc/falco/certs/client/client.crt", "/etc/falco/certs/client/client.key", false, false, false),
            c.HttpOutput);
        Assert.Equal(
            new ProgramOutputConfig(false, "jq '{text: .output}' | curl -d @- -X POST https://hooks.slack.com/services/XXX", false),
            c.ProgramOutput);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("")]
    public void A_section_without_keys_reads_as_an_absent_one(string empty)
    {
        var absent = Load("");

        var c = Load($"""
            stdout_output: {empty}
            syslog_output: {empty}
            file_output: {empty}
            program_output: {empty}
            http_output: {empty}
            outputs: {empty}
            webserver: {empty}
            engine_actors: {empty}
            """);

        Assert.Equal(Settings(absent), Settings(c));
        Assert.Equal(absent.EngineActors, Load("engine_actors:\n  cluster: {}\n").EngineActors);
    }

    [Fact]
    public void The_defaults_documented_in_docs_configuration_md_are_the_defaults()
    {
        var documented = Load(DocumentedYaml("## Keys and defaults"));

        Assert.Equal(Settings(Load("")), Settings(documented));
        Assert.Empty(documented.UnknownKeys);
        Assert.Empty(documented.Warnings);
    }

    [Fact]
    public void The_engine_actors_defaults_documented_in_docs_configuration_md_are_the_defaults()
    {
        var documented = Load(DocumentedYaml("## Our engine: `engine_actors`"));

        // The documented partitions (2) stand for "one per core, at least 2".
        Assert.Equal(Json(EngineActorsConfig.Default with { Partitions = 2 }), Json(documented.EngineActors));
        Assert.Empty(documented.UnknownKeys);
        Assert.Empty(documented.Warnings);
    }

    [Fact]
    public void Every_key_this_engine_reads_is_known_even_the_deprecated_one()
    {
        Assert.Empty(Load("rules_file: [a.yaml]\nload_plugins: []\nengine_actors: {}\n").UnknownKeys);
    }

    [Fact]
    public void A_top_level_key_set_by_an_option_is_unknown_when_this_engine_does_not_read_it()
    {
        var c = Load("json_output: true\n", "grpc.enabled=true", "json_include_tags_property=false");

        Assert.Equal(["grpc"], c.UnknownKeys);
        Assert.False(c.JsonIncludeTagsProperty);
    }

    /// <summary>Every bound value, compared by content (lists by their items); the file's own name left out.</summary>
    private static string Settings(FalcoConfiguration c) => Json(c with { FilePath = "" });

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    /// <summary>The first <c>```yaml</c> block under <paramref name="heading"/> in docs/configuration.md.</summary>
    private static string DocumentedYaml(string heading)
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "configuration.md"));
        var start = doc.IndexOf("```yaml\n", doc.IndexOf(heading + "\n", StringComparison.Ordinal), StringComparison.Ordinal) + "```yaml\n".Length;
        return doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Falco.Actors.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Falco.Actors.sln not found above the test binaries");
    }
}
