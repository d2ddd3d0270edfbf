using Falco.Actors.Rules.Loading;
using static Falco.Actors.Rules.Tests.Loading.LoaderTestKit;

namespace Falco.Actors.Rules.Tests.Loading;

public class RequirementTests
{
    [Theory]
    [InlineData("0.26.0", "0.26.0")]
    [InlineData("26", "0.26.0")]
    [InlineData("10", "0.10.0")]
    [InlineData("0.63.0", "0.63.0")]
    [InlineData("\"0.31.0\"", "0.31.0")]
    public void Engine_versions_are_semver_or_an_implicit_minor(string value, string expected)
    {
        var result = LoadOk($"- required_engine_version: {value}\n");
        Assert.Equal(SemVer.Parse(expected), result.RequiredEngineVersion);
        Assert.Empty(result.Messages);
    }

    [Fact]
    public void An_unparsable_engine_version_is_an_error()
    {
        var error = Load("- required_engine_version: seven\n").Error();
        Assert.Equal("Unable to parse engine version 'seven' as a semver string. Expected \"x.y.z\" semver format.", error.Message);
    }

    [Theory]
    [InlineData("0.64.0")]
    [InlineData("64")]
    [InlineData("1.0.0")]
    public void A_newer_or_other_major_engine_is_required_in_vain(string value)
    {
        var error = Load($"- required_engine_version: {value}\n").Error();
        Assert.Matches("^Rules require engine version \\d+\\.\\d+\\.\\d+, but engine version is 0\\.63\\.0$", error.Message);
        Assert.Equal(LoadCode.ErrValidate, error.Code);
    }

    [Fact]
    public void The_highest_engine_requirement_is_kept()
    {
        var result = LoadOk("- required_engine_version: 0.40.0\n- required_engine_version: 12\n- required_engine_version: 0.41.2\n");
        Assert.Equal(new SemVer(0, 41, 2), result.RequiredEngineVersion);
    }

    [Fact]
    public void Plugin_requirements_with_alternatives_accumulate_as_groups()
    {
        var result = LoadOk("""
            - required_plugin_versions:
                - name: k8saudit
                  version: 0.1.0
                  alternatives:
                    - name: k8saudit-other
                      version: 0.4.0
                - name: json
                  version: 0.3.0
            - required_plugin_versions:
                - name: k8saudit
                  version: 1.0.0
            """);
        Assert.Equal(3, result.RequiredPluginVersions.Count);
        Assert.Equal("k8saudit (>= 0.1.0), k8saudit-other (>= 0.4.0)", result.RequiredPluginVersions[0].ToString());
        Assert.Equal([new PluginRequirement("json", "0.3.0")], result.RequiredPluginVersions[1].Alternatives);
    }

    [Theory]
    [InlineData("- required_plugin_versions: x\n", "Value of required_plugin_versions must be a sequence")]
    [InlineData("- required_plugin_versions: [x]\n", "Plugin version must be a mapping")]
    [InlineData("- required_plugin_versions:\n  - version: 0.1.0\n", "Item has no mapping for key 'name'")]
    [InlineData("- required_plugin_versions:\n  - name: a\n", "Item has no mapping for key 'version'")]
    [InlineData("- required_plugin_versions:\n  - name: a\n    version: 1\n", "Invalid required version '1' for plugin 'a'")]
    [InlineData("- required_plugin_versions:\n  - name: a\n    version: 0.1.0\n    alternatives: x\n", "Value of plugin version alternatives must be a sequence")]
    [InlineData("- required_plugin_versions:\n  - name: a\n    version: 0.1.0\n    alternatives: [x]\n", "Plugin version alternative must be a mapping")]
    [InlineData("- required_plugin_versions:\n  - name: k8saudit\n    version: 0.1.0\n    alternatives:\n      - name: k8saudit\n        version: 0.4.0\n",
        "Defined multiple alternative version requirements for plugin 'k8saudit'")]
    public void Plugin_requirement_entries_are_validated(string yaml, string message) =>
        Assert.Equal(message, Load(yaml).Error().Message);

    [Theory]
    [InlineData("0.10.0", 0u, 10u, 0u)]
    [InlineData("1.2.3-rc1", 1u, 2u, 3u)]
    [InlineData(" 4.5.6", 4u, 5u, 6u)]
    public void Semver_reads_three_numbers_and_ignores_a_suffix(string text, uint major, uint minor, uint patch)
    {
        Assert.True(SemVer.TryParse(text, out var v));
        Assert.Equal(new SemVer(major, minor, patch), v);
    }

    [Theory]
    [InlineData("1.2")]
    [InlineData("a.b.c")]
    [InlineData("")]
    [InlineData("1..2")]
    public void Semver_rejects_fewer_than_three_numbers(string text) => Assert.False(SemVer.TryParse(text, out _));

    [Theory]
    [InlineData("0.2.0", "0.1.0", true)]
    [InlineData("0.1.0", "0.1.0", true)]
    [InlineData("0.1.0", "0.2.0", false)]
    [InlineData("1.0.0", "0.1.0", false)]
    [InlineData("1.3.0", "1.2.9", true)]
    public void Compatibility_is_same_major_and_not_older(string have, string want, bool compatible) =>
        Assert.Equal(compatible, SemVer.Parse(have).IsCompatibleWith(SemVer.Parse(want)));
}
