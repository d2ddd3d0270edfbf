namespace Falco.Actors.Cli;

/// <summary>The <c>--help</c> text: Falco's options that falco-actors supports, in Falco's words where it has them.</summary>
internal static class HelpText
{
    public const string Text = """
        falco-actors: a Falco-compatible plugin host and rules engine on Akka.NET

        Usage: falco-actors [options]

        With no information option, loads the configuration, its plugins and rules, runs the event sources through
        the rules and writes alerts to the configured outputs; exits 0 when every source has ended (or on -M, SIGINT,
        SIGTERM), 1 on an error.

          -c <path>                     Configuration file. Default: ./falco.yaml when it exists, else built-in
                                        defaults (Falco reads /etc/falco/falco.yaml).
          --config-schema               Print the config json schema (falco.yaml, with engine_actors) and exit.
          --rule-schema                 Print the rule json schema and exit.
          -r <path>                     Rules file or directory to be loaded (repeatable). Replaces rules_files.
          -o, --option <key>=<value>    Set the value of option <key> to <value> (repeatable), overriding the
                                        configuration file; dot notation and list[i] as in Falco.
          -e <events_file>              Read the events from a .scap capture file instead of opening the sources.
          -w, --write-capture <file>    Record every event the run consumed into a .scap capture file (gzip when
                                        the name ends in .gz); replay it with -e.
          -M <num_seconds>              Stop after <num_seconds> seconds.
          -L                            Show the name and description of all rules and exit. With json_output,
                                        print their details as JSON.
          -l <rule>                     Show the name and description of the rule <rule> and exit. With
                                        json_output, print its details as JSON.
          --list [<source>]             List all defined fields and exit; --list=<source> lists the fields of one
                                        event source (e.g. aws_cloudtrail).
          -N                            With --list, only print field names.
          -v                            With --list, print each field's type too.
          --markdown                    With --list, print the fields as Markdown tables (as --format markdown).
          --format <text|markdown|json> With --list, the layout of the fields (default text).
          --list-plugins                Print info on all loaded plugins and exit.
          --plugin-info <name>          Print info for the plugin with the given name or library path: description,
                                        capabilities, fields, init config schema and suggested open params; exit.
          -V, --validate <path>         Read the contents of the specified rules file(s) (repeatable), print what is
                                        wrong with them (file:line:column, item, message) and exit: 1 if any is
                                        invalid or (with a configuration) a plugin requirement is unmet, else 0.
                                        With json_output, one line {"falco_load_results": [...]}; with -L or -l,
                                        the rules are described after a successful validation.
          --enable-source <source>       Run only this event source (repeatable). Not with --disable-source.
          --disable-source <source>      Do not run this event source (repeatable); 'syscall' is accepted and
                                        ignored. Can not disable every source.
          -P, --pidfile <pid_file>      Write the process id of the run to <pid_file> once it has started.
          -U, --unbuffered              Turn off output buffering for configured outputs (and the progress line).
          --dry-run                     Load and check the configuration, plugins, rules and outputs; run nothing.
          --support                     Print support information (versions, system, command line, configuration
                                        with secrets masked, rules files) as JSON and exit.
          --version                     Print version information and exit (JSON with json_output).
          -h, --help                    Print this page and exit.

        """;
}
