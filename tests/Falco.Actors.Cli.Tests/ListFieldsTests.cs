namespace Falco.Actors.Cli.Tests;

public sealed class ListFieldsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string TwoSourceConfig() => _folder.Write("two.yaml", $"""
        plugins:
          - name: counter
            library_path: {Cli.NativePlugin("libcounter.so")}
          - name: seed_source
            library_path: {Cli.NativePlugin("libseed_source.so")}
          - name: xany
            library_path: {Cli.NativePlugin("libxany.so")}
        """);

    [Fact]
    public void List_of_one_source_prints_the_evt_class_then_the_plugin_class_in_Falcos_layout()
    {
        var config = CounterSetup.Write(_folder);
        var (exit, stdout, _) = Cli.Run("-c", config, "--list=counter");
        Assert.Equal(0, exit);
        Assert.StartsWith(
            "-------------------------------\n" +
            "Field Class:                  evt (All event types)\n" +
            "Description:                  These fields can be used for all event types \n" +
            "Event Sources:                counter \n" +
            "\n" +
            "evt.num                       event number. \n", stdout);
        Assert.Contains(
            "-------------------------------\n" +
            "Field Class:                  counter (plugin)\n" +
            "Event Sources:                counter \n" +
            "\n" +
            "counter.n                     The counter \n", stdout);
        Assert.Contains("counter.divisors              (EPF_IS_LIST) divisors of n \n", stdout);
        Assert.Contains("counter.digit                 (ARG_ALLOWED) digit at an index (default 0) \n", stdout);
        Assert.Contains("counter.tag                   (ARG_REQUIRED) <key>=<n> \n", stdout);
        Assert.DoesNotContain("counter.double", stdout); // hidden
        Assert.Contains(
            "evt.pluginname                if the event comes from a plugin-defined event source, the name of the plugin that \n" +
            "                              generated it. The plugin must be currently loaded. \n", stdout);
    }

    [Fact]
    public void A_class_shared_by_several_sources_is_printed_once_with_all_of_them()
    {
        var (exit, stdout, _) = Cli.Run("-c", TwoSourceConfig(), "--list");
        Assert.Equal(0, exit);
        Assert.Single(stdout.Split("Field Class:                  evt (All event types)\n").Skip(1));
        Assert.Contains("Field Class:                  evt (All event types)\nDescription:                  These fields can be used for all event types \nEvent Sources:                counter seed \n", stdout);
        Assert.Contains("Field Class:                  xany (plugin)\nEvent Sources:                counter seed \n", stdout);
        Assert.Contains("Field Class:                  seed_source (plugin)\nEvent Sources:                seed \n", stdout);
    }

    [Fact]
    public void Names_only_and_verbose_and_markdown()
    {
        var config = CounterSetup.Write(_folder);
        var names = Cli.Run("-c", config, "--list", "counter", "-N").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("evt.num", names[0]);
        Assert.Contains("counter.tag", names);
        Assert.DoesNotContain("counter.double", names);
        Assert.All(names, n => Assert.DoesNotContain(" ", n));

        Assert.Contains("counter.n                     (Type: UINT64) The counter \n", Cli.Run("-c", config, "--list=counter", "-v").Out);

        var markdown = Cli.Run("-c", config, "--list=counter", "--markdown").Out;
        Assert.Contains("## Field Class: counter (plugin)\n\nEvent Sources: counter \n\nName | Type | Description\n:----|:-----|:-----------\n", markdown);
        Assert.Contains("`counter.divisors` | LIST(UINT64) | divisors of n\n", markdown);
    }

    [Fact]
    public void An_unknown_source_is_an_error()
    {
        var (exit, _, stderr) = Cli.Run("-c", CounterSetup.Write(_folder), "--list=aws_cloudtrail");
        Assert.Equal(1, exit);
        Assert.Contains("Error: Value for --list must be a valid source type (loaded sources: counter)", stderr);
    }

    [Fact]
    public void The_cloudtrail_source_lists_ct_and_json_fields()
    {
        var (exit, stdout, _) = Cli.Run("-c", Cli.RepositoryFile("falco.yaml"), "--list=aws_cloudtrail");
        Assert.Equal(0, exit);
        Assert.Contains("Field Class:                  cloudtrail (plugin)\nEvent Sources:                aws_cloudtrail \n", stdout);
        Assert.Contains("Field Class:                  json (plugin)\nEvent Sources:                aws_cloudtrail \n", stdout);
        Assert.Matches(@"\nct\.name {23}\S", stdout);
        Assert.Contains("json.value                    (ARG_REQUIRED) ", stdout);
    }
}
