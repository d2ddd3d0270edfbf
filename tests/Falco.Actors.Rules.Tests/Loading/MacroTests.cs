using Falco.Actors.Rules.Loading;
using static Falco.Actors.Rules.Tests.Loading.LoaderTestKit;

namespace Falco.Actors.Rules.Tests.Loading;

public class MacroTests
{
    private const string OpenRule = """

        - rule: test_rule
          desc: simple rule
          condition: open_simple
          output: command=%proc.cmdline
          priority: INFO
        """;

    [Fact]
    public void Override_append_joins_condition_text_before_parsing()
    {
        var result = LoadOk("""
            - macro: interactive
              condition: >
                ((proc.aname=sshd and proc.name != sshd) or
                proc.name=systemd-logind or proc.name=login)

            - rule: legit_rule
              desc: legit rule description
              condition: evt.type=open and interactive
              output: user=%user.name command=%proc.cmdline file=%fd.name
              priority: INFO

            - macro: interactive
              condition: or proc.name = ssh
              override:
                condition: append
            """);
        Assert.Equal(
            "(evt.type = open and (((proc.aname = sshd and proc.name != sshd) or proc.name = systemd-logind or proc.name = login) or proc.name = ssh))",
            result.Compiled("legit_rule"));
    }

    [Theory]
    [InlineData("override:\n    condition: append")]
    [InlineData("append: true")]
    public void Appending_after_the_definition_extends_it(string append)
    {
        var result = LoadOk($"""
            - macro: open_simple
              condition: evt.type in (open,openat)

            - macro: open_simple
              condition: or evt.type = openat2
              {append}
            """ + OpenRule);
        Assert.Equal("(evt.type in (open, openat) or evt.type = openat2)", result.Compiled("test_rule"));
    }

    [Theory]
    [InlineData("override:\n    condition: append")]
    [InlineData("append: true")]
    public void Appending_before_the_definition_is_an_error(string append)
    {
        var error = Load($"""
            - macro: open_simple
              condition: or evt.type = openat2
              {append}

            - macro: open_simple
              condition: evt.type in (open,openat)
            """ + OpenRule).Error();
        Assert.Equal("Macro uses 'append' or 'override.condition: append' but no macro by that name already exists", error.Message);
        Assert.Equal("macro 'open_simple'", error.Item);
    }

    [Fact]
    public void Override_replace_before_the_definition_is_a_definition_the_later_one_wins()
    {
        var result = LoadOk("""
            - macro: open_simple
              condition: or evt.type = openat2
              override:
                condition: replace

            - macro: open_simple
              condition: evt.type in (open,openat)
            """ + OpenRule);
        Assert.Equal("evt.type in (open, openat)", result.Compiled("test_rule"));
    }

    [Fact]
    public void Macros_expand_recursively_and_may_use_lists()
    {
        var result = LoadOk("""
            - list: shells
              items: [bash, sh]
            - macro: shell
              condition: proc.name in (shells)
            - macro: spawned_shell
              condition: evt.type = execve and shell
            - rule: r
              desc: d
              condition: spawned_shell and not user.name = root
              output: o
              priority: INFO
            """);
        Assert.Equal("((evt.type = execve and proc.name in (bash, sh)) and not user.name = root)", result.Compiled("r"));
        Assert.All(result.Macros, m => Assert.True(m.Used));
    }

    [Fact]
    public void A_rule_may_use_a_macro_defined_after_it()
    {
        var result = LoadOk("""
            - rule: r
              desc: d
              condition: later
              output: o
              priority: INFO
            - macro: later
              condition: evt.type = open
            """);
        Assert.Equal("evt.type = open", result.Compiled("r"));
    }

    [Fact]
    public void A_macro_may_not_use_a_macro_defined_after_it()
    {
        var error = Load("""
            - macro: first
              condition: second and evt.type = open
            - macro: second
              condition: proc.name = x
            """).Error();
        Assert.Equal("Undefined macro 'second' used in filter.", error.Message);
        Assert.Equal("macro 'first'", error.Item);
        Assert.Equal(new FileLocation("rules.yaml", 2, 14), error.Location);
        Assert.Equal(1, error.ConditionPosition!.Value.Column);
    }

    [Fact]
    public void Appending_to_a_macro_makes_later_macros_visible_to_it()
    {
        var result = LoadOk("""
            - macro: first
              condition: evt.type = open
            - macro: second
              condition: proc.name = x
            - macro: first
              condition: and second
              override:
                condition: append
            - rule: r
              desc: d
              condition: first
              output: o
              priority: INFO
            """);
        Assert.Equal("(evt.type = open and proc.name = x)", result.Compiled("r"));
    }

    [Fact]
    public void A_macro_referring_to_itself_is_a_reference_loop()
    {
        var error = Load("""
            - macro: looping
              condition: evt.type = open
            - macro: looping
              condition: or looping
              override:
                condition: append
            """).Error();
        Assert.Equal("reference loop in macro 'looping'", error.Message);
        Assert.Equal(LoadCode.ErrValidate, error.Code);
    }

    [Fact]
    public void Mutually_referring_macros_are_a_reference_loop()
    {
        var error = Load("""
            - macro: a
              condition: evt.type = open
            - macro: b
              condition: a
            - macro: a
              condition: or b
              override:
                condition: append
            """).Error();
        Assert.StartsWith("reference loop in macro '", error.Message);
    }

    [Fact]
    public void An_undefined_macro_in_a_rule_names_it_and_where_it_is_in_the_condition()
    {
        var error = Load("""
            - rule: r
              desc: d
              condition: evt.type = open and nowhere
              output: o
              priority: INFO
            """).Error();
        Assert.Equal("Undefined macro 'nowhere' used in filter.", error.Message);
        Assert.Equal("rule 'r'", error.Item);
        Assert.Equal(new FileLocation("rules.yaml", 3, 14), error.Location);
        Assert.Equal(21, error.ConditionPosition!.Value.Column);
    }

    [Fact]
    public void A_macro_condition_that_does_not_parse_reports_the_filter_error()
    {
        var error = Load("- macro: m\n  condition: evt.type = open and\n").Error();
        Assert.Equal(LoadCode.ErrCompileCondition, error.Code);
        Assert.StartsWith("filter error at index ", error.Message);
        Assert.Equal(new FileLocation("rules.yaml", 2, 14), error.Location);
    }

    [Fact]
    public void An_unused_macro_is_a_warning()
    {
        var warning = LoadOk("- macro: spare\n  condition: evt.type = open\n").Warning(LoadCode.UnusedMacro);
        Assert.Equal("Macro not referred to by any other rule/macro", warning.Message);
        Assert.Equal("macro 'spare'", warning.Item);
    }

    [Fact]
    public void An_invalid_macro_name_is_a_warning()
    {
        var result = LoadOk("- macro: test-macro\n  condition: evt.type = close\n");
        Assert.True(result.HasWarning("Macro has an invalid name. Macro names should match a regular expression"));
    }

    [Fact]
    public void Conditions_are_parsed_with_a_depth_limit_of_1000_not_100()
    {
        // Each parenthesis costs the parser several levels: 150 exceed libs' default of 100, not Falco's 1000.
        var deep = new string('(', 150) + "evt.type = open" + new string(')', 150);
        var result = LoadOk($"- rule: r\n  desc: d\n  condition: '{deep}'\n  output: o\n  priority: INFO\n");
        Assert.Equal("evt.type = open", result.Compiled("r"));
    }
}
