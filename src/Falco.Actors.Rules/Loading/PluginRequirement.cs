namespace Falco.Actors.Rules.Loading;

/// <summary>One <c>{name, version}</c> of a <c>required_plugin_versions</c> entry (the primary or an alternative).</summary>
public sealed record PluginRequirement(string Name, string Version)
{
    public override string ToString() => $"{Name} (>= {Version})";
}

/// <summary>
/// One <c>required_plugin_versions</c> entry: satisfied when any of its alternatives (the primary first) is loaded
/// at a compatible version.
/// </summary>
public sealed record PluginRequirementGroup(IReadOnlyList<PluginRequirement> Alternatives)
{
    public override string ToString() => string.Join(", ", Alternatives);
}

/// <summary>A loaded plugin as the requirement check sees it.</summary>
public sealed record LoadedPluginVersion(string Name, string Version);
