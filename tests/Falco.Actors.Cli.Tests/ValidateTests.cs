using Falco.Actors.Cli;
using Falco.Actors.Cli.Commands;

namespace Falco.Actors.Cli.Tests;

public sealed class ValidateTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("falco-actors-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CommandLine.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private const string GoodRules = """
        - required_engine_version: 0.26.0
        - list: regions
          items: [us-east-1]
        - macro: m
          condition: ct.region in (regions)
        """;

    [Fact]
    public void A_valid_file_is_Ok_and_exits_0()
    {
        var file = Write("good.yaml", "- required_engine_version: 0.26.0\n");
        var (exit, stdout, stderr) = Run("-V", file);
        Assert.Equal(0, exit);
        Assert.Equal($"{file}: Ok{Environment.NewLine}", stdout);
        Assert.Contains("Validating rules file(s):", stderr);
    }

    [Fact]
    public void Warnings_are_printed_with_file_line_column_and_item()
    {
        var file = Write("warn.yaml", GoodRules);
        var (exit, stdout, stderr) = Run("--validate", file);
        Assert.Equal(0, exit);
        // As Falco: the summary on stdout, the warnings logged on stderr.
        Assert.Equal($"{file}: Ok, with warnings{Environment.NewLine}", stdout);
        Assert.Contains($"{file}:4:3: warning: macro 'm': LOAD_UNUSED_MACRO (Unused macro): Macro not referred to by any other rule/macro", stderr);
    }

    [Fact]
    public void An_invalid_file_is_Invalid_with_its_error_and_exits_1()
    {
        var file = Write("bad.yaml", "- rule: r\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: LOUD\n");
        var (exit, stdout, _) = Run("-V", file);
        Assert.Equal(1, exit);
        Assert.Contains($"{file}: Invalid", stdout);
        Assert.Contains($"{file}:5:13: error: rule 'r': LOAD_ERR_YAML_VALIDATE (Error validating internal structure of YAML file): Invalid priority", stdout);
    }

    [Fact]
    public void A_yaml_syntax_error_names_the_line()
    {
        var file = Write("syntax.yaml", "- list: a\n  items: [x\n- list: b\n");
        var (exit, stdout, _) = Run("-V", file);
        Assert.Equal(1, exit);
        Assert.Contains("LOAD_ERR_YAML_PARSE", stdout);
        Assert.Matches($"{System.Text.RegularExpressions.Regex.Escape(file)}:\\d+:\\d+: error: ", stdout);
    }

    [Fact]
    public void Several_files_load_in_order_as_one_set()
    {
        var first = Write("a.yaml", "- list: regions\n  items: [us-east-1]\n");
        var second = Write("b.yaml", "- list: regions\n  items: [eu-west-1]\n  override:\n    items: append\n");
        var (exit, stdout, _) = Run("-V", first, "-V", second);
        Assert.Equal(0, exit);
        Assert.Contains($"{first}: Ok, with warnings", stdout);
        Assert.Contains($"{second}: Ok, with warnings", stdout);
        Assert.DoesNotContain("Invalid", stdout);
    }

    [Fact]
    public void An_append_without_a_base_in_an_earlier_file_is_invalid()
    {
        var only = Write("b.yaml", "- list: regions\n  items: [eu-west-1]\n  override:\n    items: append\n");
        var (exit, stdout, _) = Run($"--validate={only}");
        Assert.Equal(1, exit);
        Assert.Contains($"{only}:1:3: error: list 'regions': LOAD_ERR_VALIDATE", stdout);
    }

    [Fact]
    public void A_condition_error_names_the_condition_and_the_position_within_it()
    {
        var file = Write("cond.yaml", "- macro: m\n  condition: evt.type = open and (\n");
        var (exit, stdout, _) = Run("-V", file);
        Assert.Equal(1, exit);
        Assert.Contains($"{file}:2:14: error: macro 'm': LOAD_ERR_COMPILE_CONDITION (Error compiling condition): filter error at index", stdout);
    }

    [Fact]
    public void Without_plugins_the_cloudtrail_rules_warn_of_their_unknown_source_and_list_their_plugins()
    {
        var rules = RepositoryFile("rules/aws_cloudtrail_rules.yaml");
        var (exit, stdout, stderr) = Run("-V", rules);
        Assert.Equal(0, exit);
        Assert.Contains($"{rules}: Ok, with warnings", stdout);
        Assert.Contains($"{rules}:36:3: warning: rule 'Console Login Through Assume Role': LOAD_UNKNOWN_SOURCE (Unknown event source): Unknown source aws_cloudtrail, skipping", stderr);
        Assert.Contains("the rules require one of: cloudtrail (>= 0.10.0)", stderr);
        Assert.Contains("the rules require one of: json (>= 0.7.0)", stderr);
    }

    [Fact]
    public void With_a_list_of_loaded_plugins_unmet_requirements_fail_like_Falco()
    {
        var rules = RepositoryFile("rules/aws_cloudtrail_rules.yaml");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var options = new Rules.Loading.RulesLoaderOptions();
        Assert.Equal(1, ValidateCommand.Run([rules], options, [], stdout, stderr));
        Assert.Contains("Error: Plugin requirement not satisfied, must load one of: cloudtrail (>= 0.10.0)", stderr.ToString());

        stderr = new StringWriter();
        Assert.Equal(1, ValidateCommand.Run([rules], options, [new("cloudtrail", "0.13.0")], stdout, stderr));
        Assert.Contains("Error: Plugin requirement not satisfied, must load one of: json (>= 0.7.0)", stderr.ToString());

        Assert.Equal(0, ValidateCommand.Run([rules], options, [new("cloudtrail", "0.13.0"), new("json", "0.7.3")], stdout, new StringWriter()));
    }

    [Fact]
    public void A_missing_file_is_invalid()
    {
        var missing = Path.Combine(_directory, "missing.yaml");
        var (exit, stdout, _) = Run("-V", missing);
        Assert.Equal(1, exit);
        Assert.Contains($"{missing}: Invalid", stdout);
        Assert.Contains("LOAD_ERR_FILE_READ", stdout);
    }

    [Fact]
    public void V_without_a_file_is_a_usage_error()
    {
        var (exit, _, stderr) = Run("-V");
        Assert.Equal(1, exit);
        Assert.Contains("requires a rules file", stderr);
    }

    [Fact]
    public void Help_mentions_validate_and_version_still_works()
    {
        Assert.Contains("--validate", Run("--help").Out);
        var (exit, stdout, _) = Run("--version");
        Assert.Equal(0, exit);
        Assert.StartsWith("Falco.Actors version: ", stdout);
    }

    [Fact]
    public void With_a_configuration_the_rules_are_checked_against_its_plugins()
    {
        var rules = RepositoryFile("rules/aws_cloudtrail_rules.yaml");
        var (exit, stdout, _) = Run("-c", RepositoryFile("falco.yaml"), "-V", rules);
        Assert.Equal(0, exit);
        Assert.Equal($"{rules}: Ok{Environment.NewLine}", stdout);
    }

    [Fact]
    public void With_a_configuration_an_unmet_plugin_requirement_fails_validation()
    {
        var config = Write("falco.yaml", $"plugins:\n  - name: counter\n    library_path: {Cli.NativePlugin("libcounter.so")}\n");
        var rules = Write("needs.yaml", "- required_plugin_versions:\n    - name: counter\n      version: 9.0.0\n");
        var (exit, stdout, stderr) = Run("-c", config, "-V", rules);
        Assert.Equal(1, exit);
        Assert.Contains($"{rules}: Ok", stdout);
        Assert.Contains("Error: Plugin 'counter' version '1.2.3' is not compatible with required plugin version '9.0.0'", stderr);

        var met = Write("met.yaml", "- required_plugin_versions:\n    - name: counter\n      version: 1.2.0\n");
        Assert.Equal(0, Run("-c", config, "-V", met).Exit);
    }

    [Fact]
    public void With_a_configuration_lacking_the_json_plugin_its_fields_are_unknown()
    {
        var rules = RepositoryFile("rules/aws_cloudtrail_rules.yaml");
        var (exit, stdout, _) = Run("-c", RepositoryFile("falco.yaml"), "-o", "load_plugins=[cloudtrail]", "-V", rules);
        Assert.Equal(1, exit);
        Assert.Contains($"{rules}: Invalid", stdout);
        Assert.Contains("filter_check called with nonexistent field json.value", stdout);
    }

    [Fact]
    public void With_a_configuration_rules_of_its_sources_are_compiled_against_their_fields()
    {
        var config = Write("falco.yaml", $"plugins:\n  - name: counter\n    library_path: {Cli.NativePlugin("libcounter.so")}\n");
        var bad = Write("bad.yaml", "- rule: r\n  desc: d\n  condition: counter.nope = 1\n  output: o\n  priority: WARNING\n  source: counter\n");
        var (exit, stdout, _) = Run("-c", config, "-V", bad);
        Assert.Equal(1, exit);
        Assert.Contains($"{bad}: Invalid", stdout);
        Assert.Contains("LOAD_ERR_COMPILE_CONDITION", stdout);
    }

    [Fact]
    public async Task With_json_output_the_results_are_falco_load_results_on_one_line()
    {
        var good = Write("good.yaml", GoodRules);
        var bad = Write("bad.yaml", "- rule: r\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: LOUD\n");
        // The real process: stdout must hold the JSON line and nothing else.
        var (exit, stdout, _, _) = await Cli.RunProcessAsync(_directory, "-o", "json_output=true", "-V", good, "-V", bad);
        Assert.Equal(1, exit);
        Assert.Single(stdout.TrimEnd().Split('\n'));
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        var results = doc.RootElement.GetProperty("falco_load_results").EnumerateArray().ToList();
        Assert.Equal([good, bad], results.Select(r => r.GetProperty("name").GetString()));
        Assert.True(results[0].GetProperty("successful").GetBoolean());
        var warning = Assert.Single(results[0].GetProperty("warnings").EnumerateArray());
        Assert.Equal("LOAD_UNUSED_MACRO", warning.GetProperty("code").GetString());
        Assert.Equal("Unused macro", warning.GetProperty("codedesc").GetString());
        var location = Assert.Single(warning.GetProperty("context").GetProperty("locations").EnumerateArray());
        Assert.Equal("macro", location.GetProperty("item_type").GetString());
        Assert.Equal("m", location.GetProperty("item_name").GetString());
        Assert.Equal(4, location.GetProperty("position").GetProperty("line").GetInt32());
        Assert.Equal(GoodRules.IndexOf("- macro: m", StringComparison.Ordinal) + 2, location.GetProperty("position").GetProperty("offset").GetInt32());
        Assert.StartsWith("- macro: m\n  ^", warning.GetProperty("context").GetProperty("snippet").GetString());
        Assert.False(results[1].GetProperty("successful").GetBoolean());
        var error = Assert.Single(results[1].GetProperty("errors").EnumerateArray());
        Assert.Equal("LOAD_ERR_YAML_VALIDATE", error.GetProperty("code").GetString());
        Assert.Equal("Invalid priority", error.GetProperty("message").GetString());
    }

    [Fact]
    public void A_configuration_given_to_validate_gets_falcos_hint()
    {
        var config = Write("falco.yaml", "json_output: false\nrules_files: [x.yaml]\n");
        var (exit, stdout, _) = Run("-V", config);
        Assert.Equal(1, exit);
        Assert.Contains($"{config}: Invalid", stdout);
        Assert.Contains($"Hint: --validate expects a rules file, that is a YAML list of rule, macro, and list items. If this is a Falco configuration file, validate it and its configured rules with `falco-actors -c {config} --dry-run` instead.", stdout);
    }

    [Fact]
    public void Validate_with_L_describes_the_rules_after_a_successful_validation()
    {
        using var folder = new TempFolder();
        var config = CounterSetup.Write(folder);
        var rules = folder.File("rules.yaml");
        var (exit, stdout, stderr) = Run("-c", config, "-V", rules, "-L");
        Assert.True(exit == 0, stderr);
        Assert.StartsWith($"{rules}: Ok{Environment.NewLine}{Environment.NewLine}", stdout);
        Assert.Contains("an even counter event", stdout);
        var json = Run("-c", config, "-o", "json_output=true", "-V", rules, "-l", "Even counter");
        using var doc = System.Text.Json.JsonDocument.Parse(json.Out);
        var described = doc.RootElement.GetProperty("falco_describe_results").GetProperty("rules");
        Assert.Equal("Even counter", Assert.Single(described.EnumerateArray()).GetProperty("info").GetProperty("name").GetString());
    }

    private static string RepositoryFile(string relative)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Falco.Actors.sln")))
        {
            directory = directory.Parent;
        }
        return Path.Combine(directory!.FullName, relative);
    }
}
