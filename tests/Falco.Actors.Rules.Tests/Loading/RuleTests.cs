using Falco.Actors.Rules.Loading;
using static Falco.Actors.Rules.Tests.Loading.LoaderTestKit;

namespace Falco.Actors.Rules.Tests.Loading;

public class RuleTests
{
    private const string Legit = """
        - rule: legit_rule
          desc: legit rule description
          condition: evt.type=open
          output: user=%user.name command=%proc.cmdline file=%fd.name
          priority: INFO

        """;

    [Fact]
    public void Every_key_of_a_rule_is_read()
    {
        var result = LoadOk("""
            - rule: full
              desc: a description
              condition: evt.type = open
              output: "  file=%fd.name  "
              priority: critical
              source: syscall
              enabled: false
              tags: [zeta, alpha, zeta, Beta]
              warn_evttypes: false
              skip-if-unknown-filter: true
              capture: true
              capture_duration: 5000
            """);
        var rule = result.Rule("full");
        Assert.Equal("a description", rule.Description);
        Assert.Equal("evt.type = open", rule.Condition);
        Assert.Equal("file=%fd.name", rule.Output);
        Assert.Equal(Priority.Critical, rule.Priority);
        Assert.Equal("syscall", rule.Source);
        Assert.False(rule.Enabled);
        Assert.Equal(["Beta", "alpha", "zeta"], rule.Tags);
        Assert.False(rule.WarnEvttypes);
        Assert.True(rule.SkipIfUnknownFilter);
        Assert.True(rule.Capture);
        Assert.Equal(5000UL, rule.CaptureDuration);
        Assert.Equal(new FileLocation("rules.yaml", 1, 3), rule.Location);
        Assert.Equal(new FileLocation("rules.yaml", 3, 14), rule.ConditionLocation);
        Assert.Equal(new FileLocation("rules.yaml", 4, 11), rule.OutputLocation);
        Assert.Empty(result.Messages);
    }

    [Fact]
    public void Defaults_are_syscall_enabled_warn_evttypes_and_no_capture()
    {
        var rule = LoadOk(Legit).Rule("legit_rule");
        Assert.Equal("syscall", rule.Source);
        Assert.True(rule.Enabled);
        Assert.True(rule.WarnEvttypes);
        Assert.False(rule.SkipIfUnknownFilter);
        Assert.False(rule.Capture);
        Assert.Equal(0UL, rule.CaptureDuration);
        Assert.Empty(rule.Tags);
        Assert.Equal(Priority.Informational, rule.Priority);
    }

    [Theory]
    [InlineData("WARNING", Priority.Warning)]
    [InlineData("Informational", Priority.Informational)]
    [InlineData("info", Priority.Informational)]
    [InlineData("emergency", Priority.Emergency)]
    [InlineData("DEBUG", Priority.Debug)]
    public void Priorities_are_case_insensitive_with_the_info_alias(string text, Priority priority) =>
        Assert.Equal(priority, LoadOk($"- rule: r\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: {text}\n").Rule("r").Priority);

    [Fact]
    public void Warn_is_not_a_priority()
    {
        var error = Load("- rule: r\n  desc: d\n  condition: c\n  output: o\n  priority: WARN\n").Error();
        Assert.Equal("Invalid priority", error.Message);
    }

    [Fact]
    public void Override_append_joins_condition_output_and_desc_with_a_space()
    {
        var result = LoadOk(Legit + """
            - rule: legit_rule
              desc: with append
              condition: and proc.name = cat
              output: proc=%proc.name
              override:
                desc: append
                condition: append
                output: append
            """);
        var rule = result.Rule("legit_rule");
        Assert.Equal("evt.type=open and proc.name = cat", rule.Condition);
        Assert.Equal("user=%user.name command=%proc.cmdline file=%fd.name proc=%proc.name", rule.Output);
        Assert.Equal("legit rule description with append", rule.Description);
        Assert.False(result.HasWarning("deprecated"));
    }

    [Fact]
    public void Deprecated_append_joins_the_condition_and_warns()
    {
        var result = LoadOk(Legit + "- rule: legit_rule\n  condition: and proc.name = cat\n  append: true\n");
        Assert.Equal("(evt.type = open and proc.name = cat)", result.Compiled("legit_rule"));
        Assert.True(result.HasWarning("'append' key is deprecated."));
    }

    [Fact]
    public void Override_replace_replaces_only_the_named_keys()
    {
        var result = LoadOk(Legit + """
            - rule: legit_rule
              desc: a replaced legit description
              condition: evt.type = close
              override:
                desc: replace
                condition: replace
            """);
        var rule = result.Rule("legit_rule");
        Assert.Equal("evt.type = close", rule.Condition);
        Assert.Equal("user=%user.name command=%proc.cmdline file=%fd.name", rule.Output);
        Assert.Equal("a replaced legit description", rule.Description);
    }

    [Fact]
    public void One_item_may_append_some_keys_and_replace_others()
    {
        var result = LoadOk("""
            - rule: legit_rule
              desc: legit rule description
              condition: evt.type = close
              output: user=%user.name command=%proc.cmdline file=%fd.name
              priority: INFO

            - rule: legit_rule
              desc: a replaced legit description
              condition: and proc.name = cat
              priority: WARNING
              override:
                desc: replace
                condition: append
                priority: replace
            """);
        var rule = result.Rule("legit_rule");
        Assert.Equal("evt.type = close and proc.name = cat", rule.Condition);
        Assert.Equal("a replaced legit description", rule.Description);
        Assert.Equal(Priority.Warning, rule.Priority);
    }

    [Fact]
    public void Every_replaceable_key_can_be_replaced()
    {
        var result = LoadOk(Legit + """
            - rule: legit_rule
              tags: [new]
              enabled: false
              warn_evttypes: false
              skip-if-unknown-filter: true
              capture: true
              capture_duration: 20
              output: replaced
              override:
                tags: replace
                enabled: replace
                warn_evttypes: replace
                skip-if-unknown-filter: replace
                capture: replace
                capture_duration: replace
                output: replace
            """);
        var rule = result.Rule("legit_rule");
        Assert.Equal(["new"], rule.Tags);
        Assert.False(rule.Enabled);
        Assert.False(rule.WarnEvttypes);
        Assert.True(rule.SkipIfUnknownFilter);
        Assert.True(rule.Capture);
        Assert.Equal(20UL, rule.CaptureDuration);
        Assert.Equal("replaced", rule.Output);
    }

    [Fact]
    public void Appended_tags_are_merged_as_a_sorted_set()
    {
        var result = LoadOk("""
            - rule: r
              desc: d
              condition: evt.type = open
              output: o
              priority: INFO
              tags: [b, a]
            - rule: r
              tags: [c, a]
              override:
                tags: append
            """);
        Assert.Equal(["a", "b", "c"], result.Rule("r").Tags);
    }

    [Fact]
    public void Appending_priority_is_an_error_at_the_override_key()
    {
        var error = Load("""
            - rule: failing_rule
              desc: legit rule description
              condition: evt.type = close
              output: user=%user.name command=%proc.cmdline file=%fd.name
              priority: INFO

            - rule: failing_rule
              desc: an appended incorrect field
              condition: and proc.name = cat
              priority: WARNING
              override:
                desc: replace
                condition: append
                priority: append
            """).Error();
        Assert.Equal("Key 'priority' cannot be appended to, use 'replace' instead", error.Message);
        Assert.Equal(new FileLocation("rules.yaml", 14, 5), error.Location);
    }

    [Theory]
    [InlineData("source: replace", "Key 'source' cannot be replaced")]
    [InlineData("condition: merge", "Invalid override operation for key 'condition': 'merge'. Allowed values are: append replace")]
    [InlineData("priority: merge", "Invalid override operation for key 'priority': 'merge'. Allowed values are: replace")]
    public void Override_operations_are_checked(string entry, string message)
    {
        var error = Load(Legit + $"- rule: legit_rule\n  condition: x\n  priority: INFO\n  source: syscall\n  override:\n    {entry}\n").Error();
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Override_and_append_together_are_an_error_and_append_still_warns()
    {
        var result = Load(Legit + """
            - rule: legit_rule
              desc: an appended incorrect field
              condition: and proc.name = cat
              append: true
              override:
                desc: replace
                condition: append
            """);
        Assert.True(result.HasWarning("'append' key is deprecated."));
        Assert.StartsWith("Keys 'override' and 'append: true' cannot be used together.", result.Error().Message);
    }

    [Fact]
    public void An_override_for_a_key_the_item_lacks_is_an_error()
    {
        var error = Load(Legit + "- rule: legit_rule\n  desc: x\n  override:\n    desc: replace\n    condition: append\n").Error();
        Assert.Equal("An append override for 'condition' was specified but 'condition' is not defined", error.Message);
    }

    [Fact]
    public void A_replace_override_for_enabled_without_the_key_is_an_error()
    {
        var error = Load(Legit + "- rule: legit_rule\n  desc: x\n  override:\n    desc: replace\n    enabled: replace\n").Error();
        Assert.Equal("An replace override for 'enabled' was specified but 'enabled' is not defined", error.Message);
    }

    [Fact]
    public void A_key_without_an_override_entry_is_an_error()
    {
        var error = Load(Legit + """
            - rule: legit_rule
              desc: an appended incorrect field
              condition: and proc.name = cat
              priority: WARNING
              override:
                desc: replace
                condition: append
            """).Error();
        Assert.Equal("Unexpected key 'priority': no corresponding entry under 'override' is defined.", error.Message);
        Assert.Equal(new FileLocation("rules.yaml", 9, 13), error.Location);
    }

    [Theory]
    [InlineData("override:\n    condition: append", "Rule uses 'append' or 'override.<key>: append' but no rule by that name already exists")]
    [InlineData("append: true", "Rule uses 'append' or 'override.<key>: append' but no rule by that name already exists")]
    [InlineData("override:\n    condition: replace", "An 'override.<key>: replace' to a rule was requested but no rule by that name already exists")]
    public void Appending_or_replacing_before_the_definition_is_an_error(string how, string message)
    {
        var error = Load($"""
            - rule: test_rule
              condition: and proc.name = cat
              {how}

            - rule: test_rule
              desc: simple rule
              condition: evt.type in (open,openat)
              output: command=%proc.cmdline
              priority: INFO
            """).Error();
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("override:\n    condition: append")]
    [InlineData("append: true")]
    public void Appending_after_the_definition_extends_the_condition(string how)
    {
        var result = LoadOk($"""
            - rule: test_rule
              desc: simple rule
              condition: evt.type in (open,openat)
              output: command=%proc.cmdline
              priority: INFO

            - rule: test_rule
              condition: and proc.name = cat
              {how}
            """);
        Assert.Equal("(evt.type in (open, openat) and proc.name = cat)", result.Compiled("test_rule"));
    }

    [Fact]
    public void An_append_with_nothing_to_append_is_an_error()
    {
        var error = Load(Legit + "- rule: legit_rule\n  append: true\n").Error();
        Assert.Equal("Appended rule must have exceptions or condition property", error.Message);
    }

    [Fact]
    public void Enabled_in_a_deprecated_append_is_ignored()
    {
        var result = LoadOk("""
            - rule: test_rule
              desc: test rule description
              condition: evt.type = close
              output: user=%user.name command=%proc.cmdline file=%fd.name
              priority: INFO
              enabled: false

            - rule: test_rule
              condition: and proc.name = cat
              append: true
              enabled: true
            """);
        Assert.False(result.Rule("test_rule").Enabled);
    }

    [Fact]
    public void The_standalone_enabled_item_enables_with_a_deprecation_warning()
    {
        var result = LoadOk("""
            - rule: test_rule
              desc: test rule description
              condition: evt.type = close
              output: user=%user.name command=%proc.cmdline file=%fd.name
              priority: INFO
              enabled: false

            - rule: test_rule
              enabled: true
            """);
        Assert.True(result.Rule("test_rule").Enabled);
        Assert.Equal("The standalone 'enabled' key usage is deprecated. The correct approach requires also a 'replace' entry under the 'override' key (i.e. 'enabled: replace').",
            result.Warning(LoadCode.DeprecatedItem).Message);
    }

    [Fact]
    public void The_standalone_enabled_item_needs_an_existing_rule()
    {
        Assert.Equal("Rule has 'enabled' key but no rule by that name already exists",
            Load("- rule: nothing\n  enabled: false\n").Error().Message);
    }

    [Fact]
    public void Override_replace_of_enabled_enables_without_warnings()
    {
        var result = LoadOk("""
            - rule: test_rule
              desc: test rule description
              condition: evt.type = close
              output: user=%user.name command=%proc.cmdline file=%fd.name
              priority: INFO
              enabled: false

            - rule: test_rule
              desc: correct override
              condition: and proc.name = cat
              enabled: true
              override:
                desc: replace
                condition: append
                enabled: replace
            """);
        Assert.True(result.Rule("test_rule").Enabled);
        Assert.Empty(result.Messages);
    }

    [Fact]
    public void A_plain_redefinition_replaces_the_whole_rule_in_its_original_place()
    {
        var result = LoadOk("""
            - rule: test_rule
              desc: test rule description
              condition: evt.type = close
              output: user=%user.name command=%proc.cmdline file=%fd.name
              priority: INFO
              enabled: false
            - rule: other
              desc: d
              condition: evt.type = open
              output: o
              priority: INFO
            - rule: test_rule
              desc: redefined rule syntax
              condition: proc.name = cat
              output: user=%user.name command=%proc.cmdline file=%fd.name
              priority: WARNING
              enabled: true
            """);
        Assert.Equal(["test_rule", "other"], result.Rules.Select(r => r.Name));
        Assert.Equal("proc.name = cat", result.Compiled("test_rule"));
        Assert.True(result.Rule("test_rule").Enabled);
        Assert.Equal(Priority.Warning, result.Rule("test_rule").Priority);
    }

    [Fact]
    public void Redefining_with_another_source_is_an_error()
    {
        var error = Load(Legit + "- rule: legit_rule\n  desc: d\n  condition: c\n  output: o\n  priority: INFO\n  source: k8s_audit\n", "rules.yaml", "syscall", "k8s_audit").Error();
        Assert.Equal("Rule has been re-defined with a different source", error.Message);
    }

    [Fact]
    public void A_rule_of_an_unknown_source_is_skipped_with_a_warning()
    {
        var result = LoadOk("- rule: r\n  desc: d\n  condition: ct.name = x and undefined_macro\n  output: o\n  priority: INFO\n  source: aws_cloudtrail\n");
        Assert.Empty(result.Rules);
        var warning = result.Warning(LoadCode.UnknownSource);
        Assert.Equal("Unknown source aws_cloudtrail, skipping", warning.Message);
        Assert.Equal("rule 'r'", warning.Item);
    }

    [Fact]
    public void Rules_keep_definition_order()
    {
        var result = LoadOk("""
            - rule: b
              desc: d
              condition: evt.type = open
              output: o
              priority: INFO
            - rule: a
              desc: d
              condition: evt.type = close
              output: o
              priority: INFO
            """);
        Assert.Equal(["b", "a"], result.Rules.Select(r => r.Name));
    }

    [Fact]
    public void A_rule_condition_that_does_not_parse_is_a_compile_error_at_the_condition()
    {
        var error = Load("- rule: r\n  desc: d\n  condition: evt.type = open and (\n  output: o\n  priority: INFO\n").Error();
        Assert.Equal(LoadCode.ErrCompileCondition, error.Code);
        Assert.Equal(new FileLocation("rules.yaml", 3, 14), error.Location);
        Assert.Matches("^filter error at index \\d+, line 1, column \\d+: ", error.Message);
        Assert.NotNull(error.ConditionPosition);
    }
}
