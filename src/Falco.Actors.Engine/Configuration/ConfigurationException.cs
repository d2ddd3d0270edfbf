namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// A falco.yaml that cannot be used. The message names the file, the line and column and the key
/// (<c>/etc/falco/falco.yaml:3:14: json_output: expected a boolean (true or false), got 'maybe'</c>).
/// </summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>A problem of the whole file (missing, unreadable) or of a <c>-o</c> option.</summary>
    public ConfigurationException(string file, string message, Exception? inner = null)
        : this(file, 0, 0, null, message, $"{file}: {message}", inner)
    {
    }

    /// <summary>A problem of one key's value.</summary>
    public ConfigurationException(ConfigLocation location, string key, string message, Exception? inner = null)
        : this(location.File, location.Line, location.Column, key, message, $"{location}: {key}: {message}", inner)
    {
    }

    private ConfigurationException(string file, int line, int column, string? key, string problem, string message, Exception? inner)
        : base(message, inner)
    {
        File = file;
        Line = line;
        Column = column;
        Key = key;
        Problem = problem;
    }

    public string File { get; }

    /// <summary>1-based line, 0 when the problem has no position (a missing file, a bad -o option).</summary>
    public int Line { get; }

    public int Column { get; }

    /// <summary>The key path (<c>http_output.url</c>, <c>plugins[0].name</c>), or null.</summary>
    public string? Key { get; }

    /// <summary>What is wrong, without the location prefix.</summary>
    public string Problem { get; }

    /// <summary>A problem at a position that belongs to no key (YAML syntax, a root that is not a map).</summary>
    internal static ConfigurationException AtPosition(ConfigLocation location, string problem, Exception? inner = null) =>
        new(location.File, location.Line, location.Column, null, problem, $"{location}: {problem}", inner);
}
