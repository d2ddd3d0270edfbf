using Falco.Actors.Engine.Configuration;

namespace Falco.Actors.Engine.Tests.Configuration;

public sealed class ConfigurationErrorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private ConfigurationException LoadFails(string yaml, params string[] options)
    {
        var file = _dir.Write("falco.yaml", yaml);
        return Assert.Throws<ConfigurationException>(() => FalcoConfigurationLoader.LoadFile(file, options));
    }

    private void AssertAt(ConfigurationException e, int line, int column, string key)
    {
        Assert.Equal(_dir.File("falco.yaml"), e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Equal(key, e.Key);
        Assert.StartsWith($"{_dir.File("falco.yaml")}:{line}:{column}: {key}: ", e.Message);
    }

    [Fact]
    public void Missing_file_is_named()
    {
        var missing = _dir.File("nope.yaml");

        var e = Assert.Throws<ConfigurationException>(() => FalcoConfigurationLoader.LoadFile(missing));

        Assert.Equal($"{missing}: configuration file not found", e.Message);
    }

    [Fact]
    public void Yaml_syntax_error_names_line_and_column()
    {
        var e = LoadFails("json_output: true\nstdout_output:\n  enabled: true: false\npriority: debug\n");

        Assert.Equal(_dir.File("falco.yaml"), e.File);
        Assert.Equal(3, e.Line);
        Assert.True(e.Column > 0);
        Assert.StartsWith($"{_dir.File("falco.yaml")}:3:{e.Column}: YAML syntax error: ", e.Message);
    }

    [Fact]
    public void A_root_that_is_not_a_map_is_an_error()
    {
        var e = LoadFails("- a\n- b\n");

        Assert.Equal($"{_dir.File("falco.yaml")}:1:1: the configuration must be a YAML map of keys, got a list", e.Message);
    }

    [Fact]
    public void Wrong_boolean_names_file_line_column_and_key()
    {
        var e = LoadFails("priority: debug\njson_output: maybe\n");

        AssertAt(e, 2, 14, "json_output");
        Assert.Equal("expected a boolean (true or false), got 'maybe'", e.Problem);
    }

    [Fact]
    public void Wrong_watch_config_files_names_the_key()
    {
        var e = LoadFails("watch_config_files: often\n");

        AssertAt(e, 1, 21, "watch_config_files");
        Assert.Equal("expected a boolean (true or false), got 'often'", e.Problem);
    }

    [Fact]
    public void Wrong_nested_boolean_names_the_full_key()
    {
        var e = LoadFails("http_output:\n  enabled: false\n  insecure: sometimes\n");

        AssertAt(e, 3, 13, "http_output.insecure");
    }

    [Fact]
    public void Map_where_a_scalar_is_expected_is_an_error()
    {
        var e = LoadFails("json_output:\n  a: b\n");

        AssertAt(e, 2, 3, "json_output");
        Assert.Equal("expected a boolean (true or false), got a map", e.Problem);
    }

    [Fact]
    public void Scalar_where_a_map_is_expected_is_an_error()
    {
        var e = LoadFails("file_output: yes\n");

        AssertAt(e, 1, 14, "file_output");
        Assert.Equal("expected a map of keys, got 'yes'", e.Problem);
    }

    [Fact]
    public void Unknown_priority_uses_falco_wording()
    {
        var e = LoadFails("\npriority: severe\n");

        AssertAt(e, 2, 11, "priority");
        Assert.Equal("Unknown priority \"severe\"--must be one of emergency, alert, critical, error, warning, notice, informational, debug", e.Problem);
    }

    [Fact]
    public void Unknown_rule_matching_is_named()
    {
        var e = LoadFails("rule_matching: some\n");

        AssertAt(e, 1, 16, "rule_matching");
        Assert.Contains("Unknown rule matching strategy \"some\"--must be one of first, all", e.Problem);
    }

    [Fact]
    public void Both_rules_file_and_rules_files_is_an_error()
    {
        var e = LoadFails("rules_files: [a.yaml]\nrules_file: [b.yaml]\n");

        AssertAt(e, 2, 13, "rules_file");
        Assert.Contains("both 'rules_files' and 'rules_file'", e.Problem);
    }

    [Fact]
    public void Integer_out_of_range_and_not_an_integer()
    {
        Assert.Equal("expected an integer, got 'lots'", LoadFails("engine_actors:\n  batch_size: lots\n").Problem);
        var e = LoadFails("engine_actors:\n  batch_size: 0\n");
        AssertAt(e, 2, 15, "engine_actors.batch_size");
        Assert.Equal("must be between 1 and 1000000, got 0", e.Problem);
        Assert.Equal("engine_actors.cluster.port", LoadFails("engine_actors:\n  cluster:\n    port: 70000\n").Key);
    }

    [Fact]
    public void Unknown_shard_placement_names_the_key_and_the_choices()
    {
        var e = LoadFails("engine_actors:\n  cluster:\n    placement: nearby\n");

        AssertAt(e, 3, 16, "engine_actors.cluster.placement");
        Assert.Equal("Unknown placement \"nearby\"--must be one of local, spread", e.Problem);
    }

    [Fact]
    public void A_source_role_must_be_a_role_name_other_than_evaluator()
    {
        var e = LoadFails("engine_actors:\n  cluster:\n    source_roles:\n      aws_cloudtrail: evaluator\n");

        AssertAt(e, 4, 23, "engine_actors.cluster.source_roles.aws_cloudtrail");
        Assert.Equal("the role that runs source 'aws_cloudtrail' must be a role name other than 'evaluator', got 'evaluator'", e.Problem);
    }

    [Fact]
    public void Negative_rate_is_an_error()
    {
        var e = LoadFails("outputs:\n  rate: -1\n");

        AssertAt(e, 2, 9, "outputs.rate");
    }

    [Fact]
    public void Plugin_without_library_path_is_named_by_index()
    {
        var e = LoadFails("plugins:\n  - name: a\n    library_path: a.so\n  - name: b\n");

        AssertAt(e, 4, 5, "plugins[1].library_path");
        Assert.Equal("missing required key 'library_path'", e.Problem);
    }

    [Fact]
    public void Init_config_list_item_that_is_not_a_map()
    {
        var e = LoadFails("plugins:\n  - just-a-name\n");

        AssertAt(e, 2, 5, "plugins[0]");
    }

    [Fact]
    public void Load_plugins_naming_an_unknown_plugin_uses_falco_wording()
    {
        var e = LoadFails("plugins:\n  - name: a\n    library_path: a.so\nload_plugins: [a, b]\n");

        AssertAt(e, 4, 19, "load_plugins[1]");
        Assert.Equal("Cannot load plugin 'b': plugin config not found for given name", e.Problem);
    }

    [Fact]
    public void Enabled_outputs_without_their_target_use_falco_wording()
    {
        Assert.Equal("file output enabled but no filename in configuration block",
            LoadFails("file_output:\n  enabled: true\n  filename: \"\"\n").Problem);
        Assert.Equal("program output enabled but no program in configuration block",
            LoadFails("program_output:\n  enabled: true\n  program: \"\"\n").Problem);
        Assert.Equal("http output enabled but no url in configuration block",
            LoadFails("http_output:\n  enabled: true\n").Problem);
        Assert.Equal("http_output.url", LoadFails("http_output:\n  enabled: true\n  url: ftp://x/\n").Key);
    }

    [Fact]
    public void Unknown_log_level_is_named()
    {
        var e = LoadFails("log_level: loud\n");

        AssertAt(e, 1, 12, "log_level");
    }

    [Theory]
    [InlineData("50ms")]
    [InlineData("15 minutes")]
    [InlineData("1m1h")]
    public void A_metrics_interval_under_100ms_or_not_a_duration_is_falcos_error_when_metrics_are_enabled(string interval)
    {
        var e = LoadFails($"metrics:\n  enabled: true\n  interval: {interval}\n");

        AssertAt(e, 3, 13, "metrics.interval");
        Assert.Contains("Metrics interval must have a minimum value of 100ms", e.Message);
        // As Falco, the interval is only checked when metrics are enabled.
        Assert.False(FalcoConfigurationLoader.LoadText($"metrics:\n  enabled: false\n  interval: {interval}\n", _dir.File("other.yaml"), _dir.Path).Metrics.Enabled);
    }

    [Fact]
    public void Error_in_a_value_set_by_an_option_names_the_option()
    {
        var e = LoadFails("json_output: false\n", "json_output=maybe");

        Assert.Equal($"{_dir.File("falco.yaml")}: -o 'json_output=maybe': json_output: expected a boolean (true or false), got 'maybe'", e.Message);
    }
}
