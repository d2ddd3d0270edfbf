namespace Falco.Actors.Rules.Loading;

public sealed record RulesLoaderOptions
{
    /// <summary>The sources rules may name; a rule of any other source is skipped with a warning.</summary>
    public RuleSourceSet Sources { get; init; } = RuleSourceSet.None;

    /// <summary>The engine version <c>required_engine_version</c> is checked against.</summary>
    public SemVer EngineVersion { get; init; } = Loading.EngineVersion.Current;
}
