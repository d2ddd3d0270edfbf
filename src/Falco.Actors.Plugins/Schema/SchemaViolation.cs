namespace Falco.Actors.Plugins.Schema;

/// <summary>
/// The first way a JSON document breaks a schema: where (<see cref="Path"/>, a JSON pointer into the document,
/// <c>""</c> for the root) and what.
/// </summary>
public sealed record SchemaViolation(string Path, string Message)
{
    /// <summary>The path as shown to users: <c>/</c> for the root.</summary>
    public string DisplayPath => Path.Length == 0 ? "/" : Path;

    public override string ToString() => $"at '{DisplayPath}': {Message}";
}
