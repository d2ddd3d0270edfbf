using Falco.Actors.Rules.Loading;

namespace Falco.Actors.Rules.Tests.Loading;

public sealed class MultiFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("falco-actors-rules-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static RulesLoader Loader() => new(new RulesLoaderOptions { Sources = RuleSourceSet.Of("syscall") });

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private const string BaseRules = """
        - list: shells
          items: [bash]
        - macro: spawned
          condition: evt.type = execve
        - rule: Shell spawned
          desc: a shell
          condition: spawned and proc.name in (shells)
          output: shell=%proc.name
          priority: WARNING
          tags: [process]
        """;

    private const string LocalRules = """
        - list: shells
          items: [zsh]
          override:
            items: append
        - macro: spawned
          condition: or evt.type = execveat
          override:
            condition: append
        - rule: Shell spawned
          output: user=%user.name
          tags: [local]
          override:
            output: append
            tags: append
        """;

    [Fact]
    public void Later_files_append_to_and_override_earlier_ones()
    {
        var result = Loader().LoadContents([("falco_rules.yaml", BaseRules), ("falco_rules.local.yaml", LocalRules)]);
        Assert.True(result.Successful, string.Join("\n", result.Messages));
        var rule = Assert.Single(result.Rules);
        Assert.Equal("((evt.type = execve or evt.type = execveat) and proc.name in (bash, zsh))",
            Rules.Filter.Parsing.AstPrinter.Print(rule.ConditionAst));
        Assert.Equal("shell=%proc.name user=%user.name", rule.Output);
        Assert.Equal(["local", "process"], rule.Tags);
        Assert.Equal(new FileLocation("falco_rules.yaml", 5, 3), rule.Location);
        Assert.Equal(["falco_rules.yaml", "falco_rules.local.yaml"], result.Files.Select(f => f.Name));
    }

    [Fact]
    public void Appending_to_something_only_a_later_file_defines_fails()
    {
        var result = Loader().LoadContents([("falco_rules.local.yaml", LocalRules), ("falco_rules.yaml", BaseRules)]);
        Assert.False(result.Files[0].Successful);
        Assert.True(result.Files[1].Successful);
        Assert.Equal("falco_rules.local.yaml", result.Errors.Single().Location.File);
        Assert.Equal("Shell spawned", Assert.Single(result.Rules).Name);
    }

    [Fact]
    public void A_file_that_fails_contributes_nothing_and_the_next_files_still_load()
    {
        var broken = """
            - list: shells
              items: [fish]
              override:
                items: append
            - rule: Broken
              desc: d
              condition: evt.type = open and undefined_macro
              output: o
              priority: INFO
            """;
        var result = Loader().LoadContents([("a.yaml", BaseRules), ("b.yaml", broken), ("c.yaml", LocalRules)]);
        Assert.False(result.Successful);
        var error = result.Errors.Single();
        Assert.Equal("b.yaml", error.Location.File);
        Assert.Equal("Undefined macro 'undefined_macro' used in filter.", error.Message);
        Assert.Equal(["bash", "zsh"], result.Lists.Single().Items);
        Assert.Equal(["Shell spawned"], result.Rules.Select(r => r.Name));
        Assert.Equal([true, false, true], result.Files.Select(f => f.Successful));
    }

    [Fact]
    public void A_rule_may_use_a_macro_of_a_later_file_only_once_that_file_is_loaded()
    {
        var result = Loader().LoadContents([
            ("rules.yaml", "- rule: r\n  desc: d\n  condition: later\n  output: o\n  priority: INFO\n"),
            ("macros.yaml", "- macro: later\n  condition: evt.type = open\n"),
        ]);
        Assert.Equal("Undefined macro 'later' used in filter.", result.Errors.Single().Message);
        Assert.Empty(result.Rules);
    }

    [Fact]
    public void Directories_load_their_yaml_files_sorted_and_not_recursively()
    {
        var rulesDir = Path.Combine(_directory, "rules.d");
        Write("rules.d/20-local.yml", LocalRules);
        Write("rules.d/10-base.yaml", BaseRules);
        Write("rules.d/30-ignored.txt", "not yaml at all: [");
        Write("rules.d/nested/40-deeper.yaml", "- rule: Deeper\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n");
        var result = Loader().LoadPaths([rulesDir]);
        Assert.True(result.Successful, string.Join("\n", result.Messages));
        Assert.Equal([Path.Combine(rulesDir, "10-base.yaml"), Path.Combine(rulesDir, "20-local.yml")], result.Files.Select(f => f.Name));
        Assert.Equal(["Shell spawned"], result.Rules.Select(r => r.Name));
    }

    [Fact]
    public void Files_and_directories_mix_in_the_order_given()
    {
        var baseFile = Write("falco_rules.yaml", BaseRules);
        Write("rules.d/local.yaml", LocalRules);
        var result = Loader().LoadPaths([baseFile, Path.Combine(_directory, "rules.d")]);
        Assert.True(result.Successful, string.Join("\n", result.Messages));
        Assert.Equal("shell=%proc.name user=%user.name", result.Rules.Single().Output);
    }

    [Fact]
    public void A_missing_file_is_a_read_error_naming_it()
    {
        var missing = Path.Combine(_directory, "missing.yaml");
        var error = Loader().LoadPaths([missing]).Errors.Single();
        Assert.Equal(LoadCode.ErrFileRead, error.Code);
        Assert.Equal(missing, error.Location.File);
    }

    [Fact]
    public void Resolution_warnings_are_reported_once_overall_and_per_file_like_Falco()
    {
        var result = Loader().LoadContents([
            ("a.yaml", "- list: spare\n  items: [x]\n"),
            ("b.yaml", "- macro: m\n  condition: evt.type = open\n"),
        ]);
        Assert.Single(result.Files[0].Messages, m => m.Code == LoadCode.UnusedList);
        Assert.Single(result.Files[1].Messages, m => m.Code == LoadCode.UnusedList);
        Assert.Single(result.Messages, m => m.Code == LoadCode.UnusedList);
        Assert.Single(result.Messages, m => m.Code == LoadCode.UnusedMacro);
    }

    [Fact]
    public void Engine_requirements_keep_the_highest_across_files()
    {
        var result = Loader().LoadContents([("a.yaml", "- required_engine_version: 0.40.0\n"), ("b.yaml", "- required_engine_version: 11\n")]);
        Assert.Equal(new SemVer(0, 40, 0), result.RequiredEngineVersion);
    }
}
