namespace Falco.Actors.Rules.Loading.Schema;

/// <summary>A rules file's mismatch with <see cref="RulesSchema"/>: a warning, with where it is.</summary>
public sealed record SchemaWarning(FileLocation Location, string Path, string Message)
{
    /// <summary><c>rules.yaml:4:5: schema validation failed: [0].priorty: unknown key</c>.</summary>
    public override string ToString() =>
        $"{Location}: schema validation failed: {(Path.Length == 0 ? "" : $"{Path}: ")}{Message}";
}
