using Falco.Actors.Engine.Configuration;

namespace Falco.Actors.Engine.Tests.Configuration;

/// <summary>Which changed keys a reload applies and which it names as applying at the next start only.</summary>
public sealed class ReloadableKeysTests
{
    private static FalcoConfiguration Load(string yaml, params string[] options) =>
        FalcoConfigurationLoader.LoadText(yaml, "/etc/falco/falco.yaml", "/etc/falco", options);

    private const string Running = """
        rules_files: [a.yaml]
        priority: debug
        json_output: false
        webserver:
          enabled: false
          listen_port: 8765
        file_output: {enabled: false, filename: /tmp/x}
        """;

    [Fact]
    public void Rules_and_rendering_keys_reload_and_other_changes_are_named_once_sorted()
    {
        var loaded = Load("""
            # a comment and another order change nothing
            json_output: true
            priority: warning
            rules_files: [b.yaml]
            file_output: {enabled: true, filename: /tmp/x}
            webserver:
              listen_port: 8765
              enabled: false
            outputs_queue: {capacity: 5}
            """);

        Assert.Equal(["file_output", "outputs_queue"], ReloadableKeys.NeedingRestart(Load(Running), loaded));
    }

    [Fact]
    public void An_unchanged_file_needs_no_restart_and_a_changed_o_option_does()
    {
        Assert.Empty(ReloadableKeys.NeedingRestart(Load(Running, "webserver.listen_port=8765"), Load(Running, "webserver.listen_port=8765")));
        Assert.Equal(["webserver"], ReloadableKeys.NeedingRestart(Load(Running), Load(Running, "webserver.listen_port=9000")));
    }
}
