namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// Where a configuration value came from: a line and column (1-based) of a file, or a <c>-o key=value</c> option.
/// </summary>
public sealed record ConfigLocation(string File, int Line, int Column, string? Option = null)
{
    public override string ToString() =>
        Option is null ? $"{File}:{Line}:{Column}" : $"{File}: -o '{Option}'";
}
