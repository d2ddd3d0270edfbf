using System.Reflection;
using Falco.Actors.Rules.Loading;

namespace Falco.Actors.Cli;

/// <summary>The <c>falco-actors</c> command line: options in, exit code out (Falco's exit codes).</summary>
public static class CommandLine
{
    public static string Version =>
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            .Split('+')[0] ?? "0.0.0";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args.Contains("--help") || args.Contains("-h"))
        {
            stdout.Write(Help);
            return 0;
        }
        if (args.Contains("--version"))
        {
            stdout.WriteLine($"Falco.Actors version: {Version}");
            stdout.WriteLine($"Engine:         {EngineVersion.Current}");
            return 0;
        }

        var validate = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "-V" or "--validate")
            {
                if (i + 1 >= args.Length)
                {
                    stderr.WriteLine($"Error: option '{arg}' requires a rules file");
                    return 1;
                }
                validate.Add(args[++i]);
            }
            else if (arg.StartsWith("--validate=", StringComparison.Ordinal))
            {
                validate.Add(arg["--validate=".Length..]);
            }
            else
            {
                stderr.WriteLine($"Error: unknown option '{arg}' (see --help)");
                return 1;
            }
        }

        // The command line loads no plugin yet: rules of plugin sources are skipped as of unknown sources (as Falco
        // does without plugins) and their required_plugin_versions are listed, not checked.
        return ValidateCommand.Run(validate, new RulesLoaderOptions(), plugins: null, stdout, stderr);
    }

    private const string Help = """
        falco-actors: a Falco-compatible plugin host and rules engine on Akka.NET

        Usage: falco-actors [options]

          -h, --help                 Print this help and exit.
          -V, --validate <path>      Read the contents of the specified rules file(s) (repeatable), print what is
                                     wrong with them (file:line:column, item, message) and exit: 1 if any is
                                     invalid, else 0.
              --version              Print the version and exit.

        """;
}
