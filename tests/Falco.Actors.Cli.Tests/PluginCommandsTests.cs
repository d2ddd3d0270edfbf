namespace Falco.Actors.Cli.Tests;

public sealed class PluginCommandsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Config() => _folder.Write("plugins.yaml", $$"""
        plugins:
          - name: counter
            library_path: {{Cli.NativePlugin("libcounter.so")}}
            init_config: '{"count": 3}'
          - name: xcounter
            library_path: {{Cli.NativePlugin("libxcounter.so")}}
          - name: legacy2
            library_path: {{Cli.NativePlugin("liblegacy2.so")}}
        load_plugins: [counter, xcounter]
        """);

    [Fact]
    public void List_plugins_prints_the_loaded_plugins_in_Falcos_layout()
    {
        var (exit, stdout, _) = Cli.Run("-c", Config(), "--list-plugins");
        Assert.Equal(0, exit);
        Assert.Equal(
            "2 Plugins Loaded:\n\n" +
            "Name: counter\n" +
            "Description: Counts events; every value derives from the counter\n" +
            "Contact: tests@falco-actors\n" +
            "Version: 1.2.3\n" +
            "Capabilities: \n" +
            "  - Event Sourcing (ID=999, source='counter')\n" +
            "  - Field Extraction\n" +
            "\n" +
            "Name: xcounter\n" +
            "Description: Squares the counter\n" +
            "Contact: tests@falco-actors\n" +
            "Version: 0.1.0\n" +
            "Capabilities: \n" +
            "  - Field Extraction\n" +
            "\n\n", stdout);
    }

    [Fact]
    public void Plugin_info_by_name_prints_description_fields_schema_and_open_params()
    {
        var (exit, stdout, _) = Cli.Run("-c", Config(), "--plugin-info", "counter");
        Assert.Equal(0, exit);
        Assert.StartsWith("Name: counter\nDescription: Counts events; every value derives from the counter\n", stdout);
        Assert.Contains("  - Event Sourcing (ID=999, source='counter')\n  - Field Extraction\n\n", stdout);
        Assert.Contains("Field Class:                  counter (plugin)\n", stdout);
        Assert.Contains("counter.tag                   (ARG_REQUIRED) <key>=<n> \n", stdout);
        Assert.Contains(
            "Init config schema type: JSON\n" +
            "{\"type\":\"object\",\"properties\":{\"batch\":{\"type\":\"integer\"},\"count\":{\"type\":\"integer\"}}}\n\n", stdout);
        Assert.EndsWith("Suggested open params:\nall: every event\na;b: two\n\n", stdout);
    }

    [Fact]
    public void Plugin_info_by_library_path_of_an_entry_and_of_a_file_outside_the_configuration()
    {
        var byEntry = Cli.Run("-c", Config(), "--plugin-info", Cli.NativePlugin("libxcounter.so"));
        Assert.Equal(0, byEntry.Exit);
        Assert.StartsWith("Name: xcounter\n", byEntry.Out);
        Assert.DoesNotContain("open params", byEntry.Out); // not a source plugin

        var byFile = Cli.Run("-c", Config(), "--plugin-info", Cli.NativePlugin("libseed_source.so"));
        Assert.Equal(0, byFile.Exit);
        Assert.StartsWith("Name: seed_source\n", byFile.Out);
        Assert.Contains("Init config schema type: Not available, plugin does not implement the init config schema functionality\n\n\n", byFile.Out);
    }

    [Fact]
    public void Plugin_info_of_an_unknown_plugin_is_an_error()
    {
        var (exit, _, stderr) = Cli.Run("-c", Config(), "--plugin-info", "nosuch");
        Assert.Equal(1, exit);
        Assert.Contains("Error: can't find plugin and print its info: nosuch", stderr);
    }

    [Fact]
    public void Plugin_info_of_the_bundled_cloudtrail_plugin()
    {
        var (exit, stdout, _) = Cli.Run("-c", Cli.RepositoryFile("falco.yaml"), "--plugin-info", "cloudtrail");
        Assert.Equal(0, exit);
        Assert.Contains("  - Event Sourcing (ID=2, source='aws_cloudtrail')\n", stdout);
        Assert.Contains("Init config schema type: JSON\n{", stdout);
        Assert.Contains("ct.name", stdout);
    }
}
