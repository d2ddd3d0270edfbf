using Falco.Actors.Rules.Loading;
using static Falco.Actors.Rules.Tests.Loading.LoaderTestKit;

namespace Falco.Actors.Rules.Tests.Loading;

/// <summary>The cases of Falco's unit_tests/engine/test_plugin_requirements.cpp, through a loaded rules file.</summary>
public class PluginRequirementCheckerTests
{
    private static string? Check(string rules, params (string Name, string Version)[] plugins) =>
        LoadOk(rules).CheckPluginRequirements([.. plugins.Select(p => new LoadedPluginVersion(p.Name, p.Version))]);

    private const string K8sAudit010 = "- required_plugin_versions:\n  - name: k8saudit\n    version: 0.1.0\n";

    [Fact]
    public void No_requirement_is_satisfied_by_anything() => Assert.Null(Check("- list: l\n  items: []\n", ("k8saudit", "0.1.0")));

    [Fact]
    public void The_required_version_or_a_newer_minor_satisfies()
    {
        Assert.Null(Check(K8sAudit010, ("k8saudit", "0.1.0")));
        Assert.Null(Check(K8sAudit010, ("k8saudit", "0.2.0")));
    }

    [Fact]
    public void Every_requirement_must_be_met()
    {
        const string rules = K8sAudit010 + "  - name: json\n    version: 0.3.0\n";
        Assert.Null(Check(rules, ("k8saudit", "0.1.0"), ("json", "0.3.0")));
        Assert.Equal("Plugin requirement not satisfied, must load one of: json (>= 0.3.0)", Check(rules, ("k8saudit", "0.1.0")));
    }

    [Fact]
    public void Requirements_of_several_items_accumulate()
    {
        const string rules = K8sAudit010 + "- required_plugin_versions:\n  - name: k8saudit\n    version: 0.2.0\n";
        Assert.Null(Check(rules, ("k8saudit", "0.2.0")));
        Assert.Equal("Plugin 'k8saudit' version '0.1.0' is not compatible with required plugin version '0.2.0'", Check(rules, ("k8saudit", "0.1.0")));
    }

    [Fact]
    public void An_alternative_satisfies_a_requirement()
    {
        const string rules = K8sAudit010 + "    alternatives:\n      - name: k8saudit-other\n        version: 0.4.0\n";
        Assert.Null(Check(rules, ("k8saudit-other", "0.5.0")));
        Assert.Equal("Plugin requirement not satisfied, must load one of: k8saudit (>= 0.1.0), k8saudit-other (>= 0.4.0)",
            Check(rules, ("k8saudit2", "0.5.0")));
    }

    [Fact]
    public void No_plugin_a_wrong_name_or_an_older_version_fail()
    {
        Assert.Equal("Plugin requirement not satisfied, must load one of: k8saudit (>= 0.1.0)", Check(K8sAudit010));
        Assert.Equal("Plugin requirement not satisfied, must load one of: k8saudit2 (>= 0.1.0)",
            Check("- required_plugin_versions:\n  - name: k8saudit2\n    version: 0.1.0\n", ("k8saudit", "0.1.0")));
        Assert.Equal("Plugin 'k8saudit' version '0.1.0' is not compatible with required plugin version '0.2.0'",
            Check("- required_plugin_versions:\n  - name: k8saudit\n    version: 0.2.0\n", ("k8saudit", "0.1.0")));
    }

    [Fact]
    public void Several_groups_with_alternatives()
    {
        const string rules = """
            - required_plugin_versions:
              - name: k8saudit
                version: 0.1.0
                alternatives:
                  - name: k8saudit-other
                    version: 0.4.0
              - name: json
                version: 0.3.0
                alternatives:
                  - name: json2
                    version: 0.1.0
            - required_plugin_versions:
              - name: k8saudit
                version: 1.0.0
                alternatives:
                  - name: k8saudit-other
                    version: 0.7.0
            """;
        Assert.Null(Check(rules, ("k8saudit-other", "0.7.0"), ("json2", "0.5.0")));
    }

    [Fact]
    public void The_first_alternative_found_loaded_decides_the_group()
    {
        const string rules = """
            - required_plugin_versions:
              - name: k8saudit
                version: 0.4.0
                alternatives:
                  - name: k8saudit-other
                    version: 0.4.0
              - name: json
                version: 0.3.0
                alternatives:
                  - name: json2
                    version: 0.1.0
            - required_plugin_versions:
              - name: k8saudit
                version: 1.0.0
                alternatives:
                  - name: k8saudit-other
                    version: 0.7.0
            """;
        Assert.Equal("Plugin 'k8saudit' version '0.7.0' is not compatible with required plugin version '1.0.0'",
            Check(rules, ("k8saudit", "0.7.0"), ("json2", "0.5.0")));
    }

    [Fact]
    public void A_loaded_plugin_with_an_invalid_version_fails()
    {
        Assert.Equal("Plugin 'k8saudit' has invalid version string 'latest'", Check(K8sAudit010, ("k8saudit", "latest")));
    }
}
