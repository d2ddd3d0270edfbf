using Falco.Actors.Engine.Configuration;

namespace Falco.Actors.Engine.Tests.Configuration;

public sealed class ConfigFilesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private FalcoConfiguration Load(string yaml, params string[] options) =>
        FalcoConfigurationLoader.LoadFile(_dir.Write("falco.yaml", yaml), options);

    private void WriteInFolder(string folder, string name, string yaml)
    {
        Directory.CreateDirectory(_dir.File(folder));
        _dir.Write(Path.Combine(folder, name), yaml);
    }

    [Fact]
    public void A_folder_is_merged_file_by_file_in_name_order_lists_appended_and_other_values_replaced()
    {
        WriteInFolder("config.d", "20-second.yaml", "priority: error\nrules_files: [c.yaml]\n");
        WriteInFolder("config.d", "10-first.yaml", "priority: warning\njson_output: true\nrules_files: [b.yaml]\nwebserver: {listen_port: 9000}\n");

        var c = Load("config_files: [config.d]\nrules_files: [a.yaml]\nwebserver: {enabled: false, listen_port: 8000}\n");

        Assert.Equal(Rules.Priority.Error, c.Priority);
        Assert.True(c.JsonOutput);
        Assert.Equal(["a.yaml", "b.yaml", "c.yaml"], c.RulesFiles.Select(r => r.Raw));
        // A map is replaced whole, as in Falco: webserver.enabled is back to its default.
        Assert.Equal(9000, c.Webserver.ListenPort);
        Assert.True(c.Webserver.Enabled);
        Assert.Equal(
            [_dir.File("falco.yaml"), _dir.File("config.d/10-first.yaml"), _dir.File("config.d/20-second.yaml")],
            c.ConfigFilesRead);
        Assert.Equal([_dir.File("config.d")], c.ConfigFoldersRead);
    }

    [Fact]
    public void The_override_and_add_only_strategies()
    {
        _dir.Write("over.yaml", "rules_files: [b.yaml]\npriority: error\n");
        _dir.Write("add.yaml", "rules_files: [c.yaml]\npriority: notice\njson_output: true\n");

        var c = Load("""
            config_files:
              - {path: over.yaml, strategy: override}
              - {path: add.yaml, strategy: add-only}
            rules_files: [a.yaml]
            """);

        Assert.Equal(["b.yaml"], c.RulesFiles.Select(r => r.Raw));
        Assert.Equal(Rules.Priority.Error, c.Priority);
        Assert.True(c.JsonOutput);
    }

    [Fact]
    public void A_missing_file_or_folder_is_skipped_as_in_falco()
    {
        var c = Load("config_files: [/etc/falco-actors-test-missing/config.d, missing.yaml]\n");

        Assert.Equal([_dir.File("falco.yaml")], c.ConfigFilesRead);
        Assert.Empty(c.ConfigFoldersRead);
    }

    [Fact]
    public void An_error_in_an_included_file_names_that_file_line_and_key()
    {
        _dir.Write("extra.yaml", "json_output: true\nbuffered_outputs: sometimes\n");

        var e = Assert.Throws<ConfigurationException>(() => Load("config_files: [extra.yaml]\n"));

        Assert.Equal(_dir.File("extra.yaml"), e.File);
        Assert.Equal(2, e.Line);
        Assert.Equal("buffered_outputs", e.Key);
    }

    [Fact]
    public void A_schema_warning_in_an_included_file_names_that_file()
    {
        _dir.Write("extra.yaml", "json_output: true\njson_outptu: true\n");

        var warning = Assert.Single(Load("config_files: [extra.yaml]\n").Warnings);

        Assert.Equal($"{_dir.File("extra.yaml")}:2:1: json_outptu: schema validation failed: unknown key", warning.ToString());
    }

    [Fact]
    public void An_included_file_may_not_list_config_files()
    {
        _dir.Write("extra.yaml", "json_output: true\nconfig_files: [more.yaml]\n");

        var e = Assert.Throws<ConfigurationException>(() => Load("config_files: [extra.yaml]\n"));

        Assert.Equal(_dir.File("extra.yaml"), e.File);
        Assert.Equal(2, e.Line);
        Assert.Contains("'config_files' directive in included config file", e.Message);
    }

    [Fact]
    public void The_main_file_may_not_include_itself()
    {
        var e = Assert.Throws<ConfigurationException>(() => Load("config_files: [falco.yaml]\n"));

        Assert.Contains("tried to recursively include main config file", e.Message);
    }

    [Fact]
    public void An_unknown_strategy_is_an_error()
    {
        var e = Assert.Throws<ConfigurationException>(() => Load("config_files: [{path: a.yaml, strategy: merge}]\n"));

        Assert.Equal("config_files[0].strategy", e.Key);
    }

    [Fact]
    public void Options_setting_config_files_apply_before_the_merge_and_the_others_after_it()
    {
        _dir.Write("extra.yaml", "priority: error\njson_output: true\n");

        var c = Load("json_output: false\n", "priority=notice", "config_files[]=extra.yaml");

        Assert.Equal(Rules.Priority.Notice, c.Priority);
        Assert.True(c.JsonOutput);
        Assert.Contains(_dir.File("extra.yaml"), c.ConfigFilesRead);
    }
}
