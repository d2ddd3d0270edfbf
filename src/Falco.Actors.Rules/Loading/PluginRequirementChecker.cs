namespace Falco.Actors.Rules.Loading;

/// <summary>
/// Checks the accumulated <c>required_plugin_versions</c> of the loaded rules against the loaded plugins
/// (falco_engine::check_plugin_requirements): every group must be satisfied.
/// </summary>
public static class PluginRequirementChecker
{
    /// <summary>Returns null when every requirement is met, else Falco's error text for the first unmet group.</summary>
    public static string? Check(IEnumerable<PluginRequirementGroup> requirements, IReadOnlyList<LoadedPluginVersion> plugins)
    {
        foreach (var group in requirements)
        {
            var error = CheckGroup(group, plugins);
            if (error is not null)
            {
                return error;
            }
        }
        return null;
    }

    // For each alternative in order, the first loaded plugin with that name decides: an incompatible version fails
    // the whole group at once, without trying the later alternatives (Falco's behaviour).
    private static string? CheckGroup(PluginRequirementGroup group, IReadOnlyList<LoadedPluginVersion> plugins)
    {
        foreach (var required in group.Alternatives)
        {
            foreach (var plugin in plugins)
            {
                if (plugin.Name != required.Name)
                {
                    continue;
                }
                if (!SemVer.TryParse(plugin.Version, out var loaded))
                {
                    return $"Plugin '{plugin.Name}' has invalid version string '{plugin.Version}'";
                }
                if (!SemVer.TryParse(required.Version, out var wanted) || !loaded.IsCompatibleWith(wanted))
                {
                    return $"Plugin '{plugin.Name}' version '{plugin.Version}' is not compatible with required plugin version '{required.Version}'";
                }
                return null;
            }
        }
        return $"Plugin requirement not satisfied, must load one of: {group}";
    }
}
