using Falco.Actors.Cli;

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
        var (exit, stdout, _) = Run("--validate", file);
        Assert.Equal(0, exit);
        Assert.Contains($"{file}: Ok, with warnings", stdout);
        Assert.Contains($"{file}:4:3: warning: macro 'm': LOAD_UNUSED_MACRO (Unused macro): Macro not referred to by any other rule/macro", stdout);
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
        Assert.Contains($"{rules}:36:3: warning: rule 'Console Login Through Assume Role': LOAD_UNKNOWN_SOURCE (Unknown event source): Unknown source aws_cloudtrail, skipping", stdout);
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
