using Falco.Actors.Rules.Filter.Compilation;
using Falco.Actors.Rules.Loading.Schema;

namespace Falco.Actors.Rules.Loading;

/// <summary>How loading one rules file went: its own messages plus those of re-resolving everything after it.</summary>
public sealed record FileLoadResult(string Name, IReadOnlyList<LoadMessage> Messages)
{
    public bool Successful => !Messages.Any(m => m.IsError);

    public bool HasWarnings => Messages.Any(m => !m.IsError);

    /// <summary>Where the file does not match the rules schema (<c>--rule-schema</c>); warnings only.</summary>
    public IReadOnlyList<SchemaWarning> SchemaWarnings { get; init; } = [];

    /// <summary>Falco's word for it: <c>ok</c>, or <c>failed for &lt;path&gt;: &lt;what&gt;</c> (the first mismatch).</summary>
    public string SchemaValidation => SchemaWarnings.Count == 0
        ? "ok"
        : $"failed for {(SchemaWarnings[0].Path.Length == 0 ? "<root>" : SchemaWarnings[0].Path)}: {SchemaWarnings[0].Message}";
}

/// <summary>
/// The outcome of loading an ordered set of rules files. The definitions are those of the files that loaded
/// without error (a failing file contributes nothing).
/// </summary>
public sealed record RulesLoadResult
{
    /// <summary>Rules of known sources, in definition order.</summary>
    public required IReadOnlyList<LoadedRule> Rules { get; init; }
    public required IReadOnlyList<LoadedMacro> Macros { get; init; }
    public required IReadOnlyList<LoadedList> Lists { get; init; }

    /// <summary>The highest <c>required_engine_version</c> seen; null when no file had one.</summary>
    public required SemVer? RequiredEngineVersion { get; init; }

    /// <summary>Every <c>required_plugin_versions</c> entry: each group must be satisfied by a loaded plugin.</summary>
    public required IReadOnlyList<PluginRequirementGroup> RequiredPluginVersions { get; init; }

    /// <summary>One filter compiler per source with a field registry; the rules' filters share its slots.</summary>
    public required IReadOnlyDictionary<string, FilterCompiler> Compilers { get; init; }

    /// <summary>Per file, in load order (what <c>-V</c> reports).</summary>
    public required IReadOnlyList<FileLoadResult> Files { get; init; }

    /// <summary>
    /// Every message once: each file's reading messages and errors, and the warnings of the final resolution
    /// (unused lists/macros, condition warnings) of what was loaded.
    /// </summary>
    public required IReadOnlyList<LoadMessage> Messages { get; init; }

    public bool Successful => Files.All(f => f.Successful);

    public IEnumerable<LoadMessage> Errors => Messages.Where(m => m.IsError);

    public IEnumerable<LoadMessage> Warnings => Messages.Where(m => !m.IsError);

    /// <summary>Checks <see cref="RequiredPluginVersions"/> against the loaded plugins; null when all are met.</summary>
    public string? CheckPluginRequirements(IReadOnlyList<LoadedPluginVersion> plugins) =>
        PluginRequirementChecker.Check(RequiredPluginVersions, plugins);
}
