using System.Text.Json;
using System.Text.RegularExpressions;
using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Configuration.Schema;

namespace Falco.Actors.Engine.Tests.Configuration;

public sealed partial class ConfigSchemaTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private FalcoConfiguration Load(string yaml, params string[] options) =>
        FalcoConfigurationLoader.LoadFile(_dir.Write("falco.yaml", yaml), options);

    [Fact]
    public void Every_key_a_binder_asks_for_is_in_the_schema()
    {
        // Every section present (empty), so that each binder asks for every key it knows.
        var document = ConfigDocument.Parse("""
            config_files: [{path: missing.d}]
            plugins: [{name: p, library_path: p.so}]
            append_output: [{match: {}, extra_fields: []}]
            stdout_output: {}
            syslog_output: {}
            file_output: {}
            program_output: {}
            http_output: {}
            outputs: {}
            outputs_queue: {}
            webserver: {}
            engine_actors:
              plugins: {p: {}}
              cluster: {tls: {}, source_roles: {}}
            """, "falco.yaml");
        document.KeysAskedFor = [];
        ConfigIncludes.Merge(document, _dir.Path, null, []);
        var bound = new FalcoConfiguration { FilePath = "falco.yaml" };
        foreach (var key in FalcoYamlKeys.All)
        {
            bound = key.Bind(new ConfigMap(document, document.Root, ""), bound, _dir.Path);
        }

        Assert.Contains("engine_actors.cluster.tls.password", document.KeysAskedFor);
        Assert.Contains("config_files[0].strategy", document.KeysAskedFor);
        var missing = document.KeysAskedFor.Where(path => !SchemaHas(path)).Order().ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_top_level_key_we_bind_is_in_the_schema()
    {
        var properties = Definition("Config").GetProperty("properties");

        Assert.All(FalcoYamlKeys.All, key => Assert.True(properties.TryGetProperty(key.Name, out _), key.Name));
    }

    [Fact]
    public void An_unknown_key_or_a_wrong_type_is_a_warning_naming_file_line_column_and_key_and_loading_goes_on()
    {
        var c = Load("""
            json_output: true
            jsn_output: true
            base_syscalls:
              repair: maybe
            falco_libs: [1]
            webserver:
              enabled: false
              listen_prot: 1
            engine_actors:
              batch_size: 8
              bach_time_ms: 5
            """);

        Assert.True(c.JsonOutput);
        Assert.Equal(8, c.EngineActors.BatchSize);
        var file = _dir.File("falco.yaml");
        Assert.Equal(
            [
                $"{file}:2:1: jsn_output: schema validation failed: unknown key",
                $"{file}:4:11: base_syscalls.repair: schema validation failed: expected a boolean (true or false), got 'maybe'",
                $"{file}:5:13: falco_libs: schema validation failed: expected a map, got a list",
                $"{file}:8:3: webserver.listen_prot: schema validation failed: unknown key",
                $"{file}:11:3: engine_actors.bach_time_ms: schema validation failed: unknown key",
            ],
            c.Warnings.Select(w => w.ToString()));
    }

    [Fact]
    public void Keys_of_falco_0_44_that_do_not_apply_here_are_not_unknown()
    {
        var c = Load("""
            engine:
              kind: modern_ebpf
              modern_ebpf: {cpus_for_each_buffer: 2, buf_size_preset: 4, drop_failed_exit: false}
            base_syscalls: {custom_set: [], repair: false, all: false}
            syscall_event_drops: {threshold: .1, actions: [log, alert], rate: .03333, max_burst: 1, simulate_drops: false}
            syscall_event_timeouts: {max_consecutives: 1000}
            falco_libs: {thread_table_size: 262144, snaplen: 80}
            container_engines: {docker: {enabled: true}, cri: {enabled: true, sockets: [/run/containerd/containerd.sock]}}
            capture: {enabled: false, path_prefix: /tmp/falco, mode: rules, default_duration: 5000}
            libs_logger: {enabled: false, severity: debug}
            metrics: {enabled: false, interval: 1h, output_rule: true}
            plugins_hostinfo: true
            buffer_format_base64: false
            watch_config_files: true
            static_fields: {env: prod}
            rules: [{disable: {rule: "*"}}, {enable: {tag: network}}]
            webserver: {prometheus_metrics_enabled: true}
            """);

        Assert.Empty(c.Warnings);
    }

    [Theory]
    [InlineData("engine:\n  kind: replay\n  replay: {capture_file: a.scap}\n", "engine.kind", "replay a capture with -e")]
    [InlineData("capture:\n  enabled: true\n", "capture.enabled", "writes no capture files")]
    public void A_key_that_asks_for_what_this_engine_does_not_do_says_so(string yaml, string key, string note)
    {
        var warning = Assert.Single(Load(yaml).Warnings);

        Assert.Equal(key, warning.Key);
        Assert.Contains("not ", warning.Message);
        Assert.Contains(note, warning.Message);
    }

    [Fact]
    public void An_option_is_not_checked_against_the_schema_as_in_falco()
    {
        Assert.Empty(Load("json_output: false\n", "grpc.enabled=true").Warnings);
    }

    [Fact]
    public void The_schema_is_json_with_every_key_of_falco_0_44_and_engine_actors()
    {
        using var json = JsonDocument.Parse(ConfigSchema.Text);
        var properties = Definition("Config").GetProperty("properties");

        Assert.Equal("http://json-schema.org/draft-06/schema#", json.RootElement.GetProperty("$schema").GetString());
        foreach (var key in FalcoTopLevelKeys)
        {
            Assert.True(properties.TryGetProperty(key, out _), key);
        }
        Assert.True(properties.TryGetProperty("engine_actors", out _));
    }

    [Fact]
    public void The_table_of_falco_keys_in_docs_configuration_md_names_every_top_level_key_of_the_schema()
    {
        var doc = File.ReadAllText(Path.Combine(Actors.TestPlugins.RepositoryRoot, "docs", "configuration.md"));
        var start = doc.IndexOf("## Falco 0.44 keys\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/configuration.md has no section 'Falco 0.44 keys'");
        var end = doc.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        // The first cell of each row names keys in backquotes (`a`, `b.c`, `d` (sub-keys)).
        var named = doc[start..end].Split('\n')
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(line => BackquotedKey().Matches(line.Split('|')[1]).Select(m => m.Groups[1].Value.Split('.')[0]))
            .ToHashSet();

        var unnamed = Definition("Config").GetProperty("properties").EnumerateObject()
            .Select(p => p.Name).Where(k => !named.Contains(k)).ToList();
        Assert.Empty(unnamed);
    }

    [GeneratedRegex(@"`([a-z_0-9.\-]+)`")]
    private static partial Regex BackquotedKey();

    /// <summary>The top-level keys of Falco 0.44's config schema (config_json_schema.h).</summary>
    internal static readonly string[] FalcoTopLevelKeys =
    [
        "append_output", "static_fields", "config_files", "watch_config_files", "plugins_hostinfo", "rules_files",
        "rule_files", "rules", "engine", "capture", "load_plugins", "plugins", "time_format_iso_8601",
        "buffer_format_base64", "priority", "json_output", "json_include_output_property",
        "json_include_message_property", "json_include_output_fields_property", "json_include_tags_property",
        "buffered_outputs", "rule_matching", "outputs_queue", "stdout_output", "syslog_output", "file_output",
        "http_output", "program_output", "webserver", "log_stderr", "log_syslog", "log_level", "libs_logger",
        "output_timeout", "syscall_event_timeouts", "syscall_event_drops", "metrics", "base_syscalls", "falco_libs",
        "container_engines",
    ];

    private static JsonElement Definition(string name) =>
        ConfigSchema.Definition.Root.GetProperty("definitions").GetProperty(name);

    /// <summary>Whether a key path (<c>plugins[0].name</c>, <c>engine_actors.plugins.p.isolation</c>) is described by the schema.</summary>
    private static bool SchemaHas(string path)
    {
        var node = Definition("Config");
        foreach (Match segment in PathSegment().Matches(path))
        {
            node = Follow(node);
            if (segment.Value.StartsWith('['))
            {
                if (!node.TryGetProperty("items", out node))
                {
                    return false;
                }
                node = Follow(node);
                if (node.TryGetProperty("anyOf", out var forms))
                {
                    node = forms.EnumerateArray().First(f => f.TryGetProperty("properties", out _));
                }
                continue;
            }
            if (node.TryGetProperty("properties", out var properties) && properties.TryGetProperty(segment.Value, out var next))
            {
                node = next;
            }
            else if (node.TryGetProperty("additionalProperties", out next) && next.ValueKind == JsonValueKind.Object)
            {
                node = next;
            }
            else
            {
                return false;
            }
        }
        return true;
    }

    private static JsonElement Follow(JsonElement node) =>
        node.TryGetProperty("$ref", out var reference)
            ? Definition(reference.GetString()!["#/definitions/".Length..])
            : node;

    [GeneratedRegex(@"\[\d+\]|[^.\[]+")]
    private static partial Regex PathSegment();
}
