using System.Globalization;

namespace Falco.Actors.Cli.Options;

/// <summary>
/// Parses Falco's command line: short options take their value as the next argument or attached (<c>-cfile</c>),
/// long ones as the next argument or after <c>=</c>. <c>--list</c> takes an optional source (<c>--list=aws_cloudtrail</c>
/// or <c>--list aws_cloudtrail</c>).
/// </summary>
public static class OptionsParser
{
    public static CliOptions Parse(IReadOnlyList<string> args)
    {
        var options = new CliOptions();
        var rules = new List<string>();
        var overrides = new List<string>();
        var validate = new List<string>();
        var enable = new List<string>();
        var disable = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var (name, attached) = Split(arg);
            string Value()
            {
                if (attached is not null)
                {
                    return attached;
                }
                if (i + 1 >= args.Count)
                {
                    throw new OptionsException($"option '{name}' requires {ValueHint(name)}");
                }
                return args[++i];
            }

            switch (name)
            {
                case "-h" or "--help":
                    options = options with { Help = true };
                    break;
                case "--version":
                    options = options with { Version = true };
                    break;
                case "--support":
                    options = options with { Support = true };
                    break;
                case "-c":
                    options = options with { ConfigFile = Value() };
                    break;
                case "-r":
                    rules.Add(Value());
                    break;
                case "-o" or "--option":
                    var pair = Value();
                    if (!pair.Contains('='))
                    {
                        throw new OptionsException($"option '{name}' expects key=value, got '{pair}'");
                    }
                    overrides.Add(pair);
                    break;
                case "-e":
                    options = options with { ReplayCapture = Value() };
                    break;
                case "-w" or "--write-capture":
                    options = options with { WriteCapture = Value() };
                    break;
                case "-M":
                    var text = Value();
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                    {
                        throw new OptionsException($"option '-M' expects a whole number of seconds, got '{text}'");
                    }
                    options = options with { DurationSeconds = seconds };
                    break;
                case "-L":
                    options = options with { DescribeAllRules = true };
                    break;
                case "-l":
                    options = options with { DescribeRule = Value() };
                    break;
                case "--list":
                    var source = attached;
                    if (source is null && i + 1 < args.Count && !args[i + 1].StartsWith('-'))
                    {
                        source = args[++i];
                    }
                    options = options with { ListFields = true, ListSource = source ?? "" };
                    break;
                case "-N":
                    options = options with { NamesOnly = true };
                    break;
                case "-v":
                    options = options with { Verbose = true };
                    break;
                case "--markdown":
                    options = options with { Markdown = true };
                    break;
                case "--list-plugins":
                    options = options with { ListPlugins = true };
                    break;
                case "--plugin-info":
                    options = options with { PluginInfo = Value() };
                    break;
                case "-V" or "--validate":
                    validate.Add(Value());
                    break;
                case "-U" or "--unbuffered":
                    options = options with { Unbuffered = true };
                    break;
                case "--dry-run":
                    options = options with { DryRun = true };
                    break;
                case "--enable-source":
                    enable.Add(Value());
                    break;
                case "--disable-source":
                    disable.Add(Value());
                    break;
                case "-P" or "--pidfile":
                    options = options with { PidFile = Value() };
                    break;
                case "--format":
                    var format = Value();
                    options = options with
                    {
                        Format = format switch
                        {
                            "text" => ListFormat.Text,
                            "markdown" => ListFormat.Markdown,
                            "json" => ListFormat.Json,
                            _ => throw new OptionsException($"option '--format' expects text, markdown or json, got '{format}'"),
                        },
                    };
                    break;
                case "--config-schema":
                    options = options with { PrintConfigSchema = true };
                    break;
                case "--rule-schema":
                    options = options with { PrintRuleSchema = true };
                    break;
                default:
                    throw new OptionsException($"unknown option '{arg}' (see --help)");
            }
            if (attached is not null && !TakesValue(name))
            {
                throw new OptionsException($"option '{name}' takes no value, got '{arg}'");
            }
        }
        if (enable.Count > 0 && disable.Count > 0)
        {
            throw new OptionsException("You can not mix --enable-source and --disable-source");
        }
        return options with
        {
            Arguments = [.. args], RulesFiles = rules, ConfigOverrides = overrides, Validate = validate, EnableSources = enable, DisableSources = disable,
        };
    }

    /// <summary>Splits <c>--name=value</c> and <c>-xVALUE</c> (short options with a value).</summary>
    private static (string Name, string? Attached) Split(string arg)
    {
        if (arg.StartsWith("--", StringComparison.Ordinal))
        {
            var eq = arg.IndexOf('=');
            return eq < 0 ? (arg, null) : (arg[..eq], arg[(eq + 1)..]);
        }
        if (arg.Length > 2 && arg[0] == '-' && TakesValue(arg[..2]))
        {
            return (arg[..2], arg[2..]);
        }
        return (arg, null);
    }

    private static bool TakesValue(string name) => name is "-c" or "-r" or "-o" or "--option" or "-e" or "-w"
        or "--write-capture" or "-M" or "-l" or "--list" or "--plugin-info" or "-V" or "--validate" or "--enable-source"
        or "--disable-source" or "-P" or "--pidfile" or "--format";

    private static string ValueHint(string name) => name switch
    {
        "-V" or "--validate" => "a rules file",
        "-c" => "a configuration file",
        "-r" => "a rules file or folder",
        "-e" or "-w" or "--write-capture" => "a capture file",
        "-l" => "a rule name",
        "--plugin-info" => "a plugin name or library path",
        "-M" => "a number of seconds",
        "--enable-source" or "--disable-source" => "an event source",
        "-P" or "--pidfile" => "a file",
        "--format" => "text, markdown or json",
        _ => "a value",
    };
}
