using Falco.Actors.Rules.Loading;
using static Falco.Actors.Rules.Tests.Loading.LoaderTestKit;

namespace Falco.Actors.Rules.Tests.Loading;

public class ListTests
{
    private const string DevRule = """

        - rule: test_rule
          desc: simple rule
          condition: evt.type = execve and proc.name in (dev_creation_binaries)
          output: command=%proc.cmdline
          priority: INFO
        """;

    [Fact]
    public void Override_append_adds_items_used_by_an_earlier_rule()
    {
        var result = LoadOk("""
            - list: shell_binaries
              items: [ash, bash, csh, ksh, sh, tcsh, zsh, dash]

            - rule: legit_rule
              desc: legit rule description
              condition: evt.type=open and proc.name in (shell_binaries)
              output: user=%user.name command=%proc.cmdline file=%fd.name
              priority: INFO

            - list: shell_binaries
              items: [pwsh]
              override:
                items: append
            """);
        Assert.Equal("(evt.type = open and proc.name in (ash, bash, csh, ksh, sh, tcsh, zsh, dash, pwsh))", result.Compiled("legit_rule"));
        Assert.False(result.HasWarning("deprecated"));
    }

    [Fact]
    public void Deprecated_append_adds_items_with_a_warning()
    {
        var result = LoadOk("""
            - list: dev_creation_binaries
              items: [blkid]

            - list: dev_creation_binaries
              items: ["csi-provisioner", "csi-attacher"]
              append: true
            """ + DevRule);
        Assert.Equal("(evt.type = execve and proc.name in (blkid, csi-provisioner, csi-attacher))", result.Compiled("test_rule"));
        Assert.Equal("'append' key is deprecated. Add an 'append' entry (e.g. 'condition: append') under 'override' instead.",
            result.Warning(LoadCode.DeprecatedItem).Message);
    }

    [Theory]
    [InlineData("override:\n    items: append")]
    [InlineData("append: true")]
    public void Appending_before_any_definition_is_an_error(string append)
    {
        var error = Load($"""
            - list: dev_creation_binaries
              items: ["csi-provisioner", "csi-attacher"]
              {append}

            - list: dev_creation_binaries
              items: [blkid]
            """ + DevRule).Error();
        Assert.Equal("List uses 'append' or 'override.items: append' but no list by that name already exists", error.Message);
        Assert.Equal(LoadCode.ErrValidate, error.Code);
        Assert.Equal(new FileLocation("rules.yaml", 1, 3), error.Location);
    }

    [Fact]
    public void Override_replace_before_a_definition_is_a_definition()
    {
        var result = LoadOk("""
            - list: dev_creation_binaries
              items: ["csi-provisioner", "csi-attacher"]
              override:
                items: replace

            - list: dev_creation_binaries
              items: [blkid]
            """ + DevRule);
        Assert.Equal("(evt.type = execve and proc.name in (blkid))", result.Compiled("test_rule"));
    }

    [Fact]
    public void A_misspelled_override_is_ignored_and_the_second_item_redefines_the_list()
    {
        var result = LoadOk("""
            - list: dev_creation_binaries
              items: ["csi-provisioner", "csi-attacher"]
              overridde:
                items: append

            - list: dev_creation_binaries
              items: [blkid]
            """ + DevRule);
        Assert.Equal("evt.type = execve and proc.name in (dev_creation_binaries)", result.Rule("test_rule").Condition);
        Assert.Equal("(evt.type = execve and proc.name in (blkid))", result.Compiled("test_rule"));
    }

    [Fact]
    public void A_redefinition_keeps_the_lists_original_position()
    {
        var result = LoadOk("- list: a\n  items: [1]\n- list: b\n  items: [2]\n- list: a\n  items: [3]\n");
        Assert.Equal(["a", "b"], result.Lists.Select(l => l.Name));
        Assert.Equal(["3"], result.Lists[0].Items);
    }

    [Fact]
    public void Override_and_append_together_are_an_error()
    {
        var error = Load("- list: a\n  items: [1]\n- list: a\n  items: [2]\n  append: true\n  override:\n    items: append\n").Error();
        Assert.Equal("Keys 'override' and 'append: true' cannot be used together. Add an 'append' entry (e.g. 'condition: append') under 'override' instead.", error.Message);
    }

    [Fact]
    public void Items_naming_an_earlier_list_are_expanded_but_not_a_later_one()
    {
        var result = LoadOk("""
            - list: base
              items: [a, b]
            - list: combined
              items: [base, c, later]
            - list: later
              items: [z]
            - rule: r
              desc: d
              condition: proc.name in (combined)
              output: o
              priority: INFO
            """);
        Assert.Equal(["a", "b", "c", "later"], result.Lists.Single(l => l.Name == "combined").Items);
        // The rule's condition then gets every list substituted in definition order, "later" included.
        Assert.Equal("proc.name in (a, b, c, z)", result.Compiled("r"));
        Assert.False(result.HasWarning("List not referred to"));
    }

    [Fact]
    public void Items_with_spaces_are_quoted_when_substituted()
    {
        var result = LoadOk("""
            - list: escaped
              items: [non_escaped_val, "escaped val"]
            - rule: r
              desc: d
              condition: proc.name in (escaped)
              output: o
              priority: INFO
            """);
        Assert.Equal(["non_escaped_val", "escaped val"], result.Lists[0].Items);
        Assert.Equal("proc.name in (non_escaped_val, \"escaped val\")", result.Compiled("r"));
    }

    [Fact]
    public void An_empty_list_takes_its_comma_with_it()
    {
        var result = LoadOk("""
            - list: none
              items: []
            - rule: r
              desc: d
              condition: proc.name in (a, none)
              output: o
              priority: INFO
            """);
        Assert.Equal("proc.name in (a)", result.Compiled("r"));
    }

    [Fact]
    public void Lists_defined_after_a_rule_are_still_substituted()
    {
        var result = LoadOk("""
            - rule: r
              desc: d
              condition: ct.region in (approved_regions)
              output: o
              priority: INFO
            - list: approved_regions
              items: [us-east-0]
            """);
        Assert.Equal("ct.region in (us-east-0)", result.Compiled("r"));
        Assert.Equal("ct.region in ( us-east-0 )", result.Rule("r").ExpandedCondition);
    }

    [Fact]
    public void An_unused_list_is_a_warning()
    {
        var warning = LoadOk("- list: lonely\n  items: [x]\n").Warning(LoadCode.UnusedList);
        Assert.Equal("List not referred to by any other rule/macro", warning.Message);
        Assert.Equal("list 'lonely'", warning.Item);
    }

    [Fact]
    public void An_invalid_list_name_is_a_warning()
    {
        var result = LoadOk("""
            - list: test list
              items: [open, openat, openat2]

            - rule: test_rule
              desc: test rule description
              condition: evt.type in (test list)
              output: user=%user.name command=%proc.cmdline file=%fd.name
              priority: INFO
              enabled: false
            """);
        Assert.True(result.HasWarning("List has an invalid name. List names should match a regular expression"));
    }

    [Theory]
    [InlineData("a", "a")]
    [InlineData("with space", "\"with space\"")]
    [InlineData("\"quoted already\"", "\"quoted already\"")]
    [InlineData("'single quoted'", "'single quoted'")]
    public void Quote_item_wraps_items_with_spaces(string item, string quoted) =>
        Assert.Equal(quoted, ListSubstitution.QuoteItem(item));

    [Theory]
    [InlineData("proc.name in (shells)", "proc.name in ( a, b )")]
    [InlineData("proc.name in (x,shells,y)", "proc.name in (x, a, b ,y)")]
    [InlineData("shells", "a, b ")]
    [InlineData("proc.name in (myshells)", "proc.name in (myshells)")]
    [InlineData("proc.name = shells", "proc.name = a, b ")]
    public void Substitution_is_textual_on_delimited_names(string condition, string expected)
    {
        var text = condition;
        ListSubstitution.Substitute(ref text, "shells", ["a", "b"]);
        Assert.Equal(expected, text);
    }
}
