using System.Reflection;

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
            return 0;
        }
        stderr.WriteLine($"Error: unknown option '{args[0]}' (see --help)");
        return 1;
    }

    private const string Help = """
        falco-actors: a Falco-compatible plugin host and rules engine on Akka.NET

        Usage: falco-actors [options]

          -h, --help                 Print this help and exit.
              --version              Print the version and exit.

        """;
}
