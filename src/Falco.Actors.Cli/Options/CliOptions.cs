namespace Falco.Actors.Cli.Options;

/// <summary>The parsed command line (Falco's flags). Lists keep the order the options were given in.</summary>
public sealed record CliOptions
{
    /// <summary>The arguments as given (Falco's <c>--support</c> reports them).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public bool Help { get; init; }
    public bool Version { get; init; }

    /// <summary><c>--support</c>.</summary>
    public bool Support { get; init; }

    /// <summary><c>-c</c>: the configuration file; null means <c>./falco.yaml</c> when it exists.</summary>
    public string? ConfigFile { get; init; }

    /// <summary><c>-r</c>: rules files or folders; when any is given they replace <c>rules_files</c>.</summary>
    public IReadOnlyList<string> RulesFiles { get; init; } = [];

    /// <summary><c>-o key=value</c>, in order.</summary>
    public IReadOnlyList<string> ConfigOverrides { get; init; } = [];

    /// <summary><c>-e</c>: replay this capture instead of opening the source plugins.</summary>
    public string? ReplayCapture { get; init; }

    /// <summary><c>-w</c>: record the events the run consumed into this capture.</summary>
    public string? WriteCapture { get; init; }

    /// <summary><c>-M</c>: stop after this many seconds (0: run until the sources end).</summary>
    public int DurationSeconds { get; init; }

    /// <summary><c>-L</c>.</summary>
    public bool DescribeAllRules { get; init; }

    /// <summary><c>-l</c>.</summary>
    public string? DescribeRule { get; init; }

    /// <summary><c>--list</c> given (with <see cref="ListSource"/> empty: every source).</summary>
    public bool ListFields { get; init; }
    public string ListSource { get; init; } = "";

    /// <summary><c>-N</c>: with <c>--list</c>, names only.</summary>
    public bool NamesOnly { get; init; }

    /// <summary><c>-v</c>: with <c>--list</c>, the type of every field.</summary>
    public bool Verbose { get; init; }

    /// <summary><c>--markdown</c>: with <c>--list</c>, Markdown tables.</summary>
    public bool Markdown { get; init; }

    public bool ListPlugins { get; init; }
    public string? PluginInfo { get; init; }

    /// <summary><c>-V</c>: rules files to validate, in order.</summary>
    public IReadOnlyList<string> Validate { get; init; } = [];

    /// <summary><c>-U</c>.</summary>
    public bool Unbuffered { get; init; }

    public bool DryRun { get; init; }

    /// <summary><c>--config-schema</c>: print the JSON schema of falco.yaml and exit.</summary>
    public bool PrintConfigSchema { get; init; }

    /// <summary><c>--rule-schema</c>: print the JSON schema of rules files and exit.</summary>
    public bool PrintRuleSchema { get; init; }

    /// <summary><c>--enable-source</c>: only these sources run (repeatable; not with <c>--disable-source</c>).</summary>
    public IReadOnlyList<string> EnableSources { get; init; } = [];

    /// <summary><c>--disable-source</c>: these sources do not run (repeatable).</summary>
    public IReadOnlyList<string> DisableSources { get; init; } = [];

    /// <summary><c>-P/--pidfile</c>: the run writes its process id there once it has started.</summary>
    public string? PidFile { get; init; }

    /// <summary><c>--format text|markdown|json</c>: how <c>--list</c> prints (markdown is also <c>--markdown</c>).</summary>
    public ListFormat Format { get; init; } = ListFormat.Text;
}

/// <summary>The layouts of <c>--list</c> (Falco's <c>--format</c>).</summary>
public enum ListFormat
{
    Text,
    Markdown,
    Json,
}
