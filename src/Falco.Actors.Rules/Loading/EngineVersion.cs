namespace Falco.Actors.Rules.Loading;

/// <summary>The rules-engine version Falco.Actors implements, checked against <c>required_engine_version</c>.</summary>
public static class EngineVersion
{
    /// <summary>
    /// Falco master's engine version (0.63.0): the rules language implemented here is Falco's current one, so Falco's
    /// own rules files (which require at most this) load unchanged.
    /// </summary>
    public static readonly SemVer Current = new(0, 63, 0);

    /// <summary>An integer <c>required_engine_version: N</c> means engine <c>0.N.0</c> (engine versions are semver since Falco 0.37).</summary>
    public static SemVer FromImplicit(uint number) => new(0, number, 0);
}
