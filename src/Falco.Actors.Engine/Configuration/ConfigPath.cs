namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// A path from falco.yaml: the text as written, and the full path, resolved against the folder of the
/// configuration file when the text is relative.
/// </summary>
public sealed record ConfigPath(string Raw, string Resolved)
{
    /// <summary>A path not (yet) resolved against a folder: a default, which binding resolves like a written one.</summary>
    public static ConfigPath AsWritten(string raw) => new(raw, raw);

    public static ConfigPath Resolve(string raw, string baseDirectory) =>
        new(raw, raw.Length == 0 || Path.IsPathRooted(raw) ? raw : Path.GetFullPath(Path.Combine(baseDirectory, raw)));

    public override string ToString() => Resolved;
}
