namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// A falco.yaml that cannot be used. The message names the file, the line and column and the key
/// (<c>/etc/falco/falco.yaml:3:14: json_output: expected a boolean (true or false), got 'maybe'</c>).
/// </summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string file, string message, Exception? inner = null)
        : base($"{file}: {message}", inner)
    {
        File = file;
        Problem = message;
    }

    public ConfigurationException(ConfigLocation location, string key, string message, Exception? inner = null)
        : base($"{location}: {key}: {message}", inner)
    {
        File = location.File;
        Line = location.Line;
        Column = location.Column;
        Key = key;
        Problem = message;
    }

    public string File { get; }

    /// <summary>1-based line, 0 when the problem has no position (a missing file, a bad -o option).</summary>
    public int Line { get; }

    public int Column { get; }

    /// <summary>The key path (<c>http_output.url</c>, <c>plugins[0].name</c>), or null.</summary>
    public string? Key { get; }

    /// <summary>What is wrong, without the location prefix.</summary>
    public string Problem { get; }
}
