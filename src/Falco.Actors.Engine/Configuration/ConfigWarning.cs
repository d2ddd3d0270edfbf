namespace Falco.Actors.Engine.Configuration;

/// <summary>A problem that does not stop loading (a deprecated key), with where it was found.</summary>
public sealed record ConfigWarning(ConfigLocation Location, string Key, string Message)
{
    public override string ToString() => $"{Location}: {Key}: {Message}";
}
