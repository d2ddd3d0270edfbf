using Falco.Actors.Engine.Configuration;
using Falco.Actors.Rules;

namespace Falco.Actors.Engine.Tests.Configuration;

public sealed class ConfigurationOverrideTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private FalcoConfiguration Load(string yaml, params string[] options) =>
        FalcoConfigurationLoader.LoadFile(_dir.Write("falco.yaml", yaml), options);

    private const string TwoPlugins = """
        plugins:
          - name: cloudtrail
            library_path: libcloudtrail.so
            open_params: s3://a
          - name: json
            library_path: libjson.so
        """;

    [Fact]
    public void Top_level_and_dotted_keys_are_overridden_and_read_as_yaml_scalars()
    {
        var c = Load("json_output: false\nstdout_output:\n  enabled: true\n",
            "json_output=true", "stdout_output.enabled=false", "priority=Warning", "outputs.rate=2.5", "webserver.listen_port=9999");

        Assert.True(c.JsonOutput);
        Assert.False(c.StdoutOutput.Enabled);
        Assert.Equal(Priority.Warning, c.Priority);
        Assert.Equal(2.5, c.Outputs.Rate);
        Assert.Equal(9999, c.Webserver.ListenPort);
    }

    [Fact]
    public void Later_options_win()
    {
        var c = Load("", "priority=error", "priority=notice");

        Assert.Equal(Priority.Notice, c.Priority);
    }

    [Fact]
    public void List_index_sets_a_plugin_key()
    {
        var c = Load(TwoPlugins, "plugins[0].open_params=s3://other/prefix", "plugins[1].init_config={\"a\": 1}");

        Assert.Equal("s3://other/prefix", c.Plugins[0].OpenParams);
        Assert.Equal("""{"a":1}""", c.Plugins[1].InitConfig);
    }

    [Fact]
    public void Missing_maps_and_list_items_are_created()
    {
        var c = Load("", "http_output.enabled=true", "http_output.url=http://127.0.0.1:2801/",
            "plugins[0].name=json", "plugins[0].library_path=libjson.so", "engine_actors.cluster.roles[0]=source");

        Assert.True(c.HttpOutput.Enabled);
        Assert.Equal("http://127.0.0.1:2801/", c.HttpOutput.Url);
        Assert.Equal("json", Assert.Single(c.Plugins).Name);
        Assert.Equal(["source"], c.EngineActors.Cluster.Roles);
        Assert.Equal(ShardPlacement.Spread, Load("", "engine_actors.cluster.placement=spread").EngineActors.Cluster.Placement);
    }

    [Fact]
    public void Empty_index_appends_to_a_list()
    {
        var c = Load("rules_files: [a.yaml]\n", "rules_files[]=b.yaml");

        Assert.Equal(["a.yaml", "b.yaml"], c.RulesFiles.Select(r => r.Raw));
    }

    [Fact]
    public void Flow_values_set_lists_and_maps()
    {
        var c = Load("rules_files: [a.yaml]\n", "rules_files=[x.yaml, y.yaml]", "load_plugins=[]");

        Assert.Equal(["x.yaml", "y.yaml"], c.RulesFiles.Select(r => r.Raw));
        Assert.NotNull(c.LoadPlugins);
        Assert.Empty(c.LoadPlugins);
    }

    [Fact]
    public void Init_config_map_key_is_set_through_a_null_init_config()
    {
        var c = Load("plugins:\n  - name: ct\n    library_path: ct.so\n    init_config:\n", "plugins[0].init_config.sqsDelete=true");

        Assert.Equal("""{"sqsDelete":true}""", c.Plugins[0].InitConfig);
    }

    [Fact]
    public void Backslash_escapes_dots_and_brackets_in_key_names()
    {
        var c = Load("plugins:\n  - name: ct\n    library_path: ct.so\n    init_config:\n      a.b: 1\n",
            @"plugins[0].init_config.a\.b=2", @"plugins[0].init_config.c\[0\]=x", @"plugins[0].init_config.back\\slash=y");

        Assert.Equal("""{"a.b":2,"c[0]":"x","back\\slash":"y"}""", c.Plugins[0].InitConfig);
    }

    [Fact]
    public void Value_may_contain_equals_signs()
    {
        var c = Load("", "program_output.program=FOO=bar jq .");

        Assert.Equal("FOO=bar jq .", c.ProgramOutput.Program);
    }

    [Theory]
    [InlineData("json_output", "Must be of the form key=val or key.subkey=val")]
    [InlineData("=true", "the key is empty")]
    [InlineData("a..b=1", "empty key name before '.' at position 2")]
    [InlineData("a.=1", "the key ends with '.' at position 1")]
    [InlineData("plugins[x].name=1", "expected a numeric index, found 'x'")]
    [InlineData("plugins[0.name=1", "'[' at position 7 is never closed with ']'")]
    [InlineData("plugins[0]name=1", "expected '.' or '[' after ']' at position 10")]
    [InlineData("[0]=1", "'[' at position 0 must follow a key name")]
    [InlineData("plugins[5].name=x", "index 5 is out of range: the list has 2 item(s)")]
    [InlineData("json_output.x=1", "cannot set 'json_output.x': 'json_output' is 'false', not a map")]
    [InlineData("stdout_output[0]=1", "cannot index 'stdout_output': it is a map, not a list")]
    [InlineData("plugins[0].init_config={a: [}", "the value is not valid YAML")]
    [InlineData(@"a\=1", "the key ends with a lone backslash")]
    public void Bad_overrides_are_named(string option, string problem)
    {
        var file = _dir.Write("falco.yaml", TwoPlugins + "\njson_output: false\nstdout_output:\n  enabled: true\n");

        var e = Assert.Throws<ConfigurationException>(() => FalcoConfigurationLoader.LoadFile(file, [option]));

        Assert.Contains($"Error parsing config option \"{option}\"", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Load_text_resolves_relative_paths_against_the_given_folder()
    {
        var c = FalcoConfigurationLoader.LoadText("rules_files: [r.yaml]\n", "inline.yaml", "/base/dir");

        Assert.Equal("/base/dir/r.yaml", c.RulesFiles[0].Resolved);
        Assert.Equal("r.yaml", c.RulesFiles[0].Raw);
    }
}
