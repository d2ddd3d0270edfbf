using Falco.Actors.Cli;

namespace Falco.Actors.Cli.Tests;

/// <summary>
/// Runs the command line in-process or as the real <c>falco-actors</c> process, capturing stdout and stderr, and finds
/// the repository's files.
/// </summary>
internal static class Cli
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Runs <c>falco-actors</c> as a process in <paramref name="workingDirectory"/> until it exits (2 minutes at most).</summary>
    public static async Task<(int Exit, string Out, string Err, int Pid)> RunProcessAsync(string workingDirectory, params string[] args)
    {
        using var process = System.Diagnostics.Process.Start(FalcoActorsProcess.StartInfo(workingDirectory, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await stdout, await stderr, process.Id);
    }

    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CommandLine.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A C test plugin compiled by tests/native-plugins/Makefile (built before this project).</summary>
    public static string NativePlugin(string library) => Path.Combine(RepositoryRoot, "tests", "native-plugins", "build", library);

    public static string RepositoryFile(string relative) => Path.Combine(RepositoryRoot, relative);

    /// <summary>The 1-based number of the first line of <paramref name="file"/> containing <paramref name="text"/>.</summary>
    public static int LineOf(string file, string text) => File.ReadAllLines(file).ToList().FindIndex(l => l.Contains(text)) + 1;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Falco.Actors.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("repository root not found");
    }
}

/// <summary>A fresh folder for one test's files, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("falco-actors-cli-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        var file = File(name);
        System.IO.File.WriteAllText(file, text);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>A configuration with the native counter plugin (source <c>counter</c>) and rules on its fields.</summary>
internal static class CounterSetup
{
    public const string Rules = """
        - required_engine_version: 0.26.0
        - required_plugin_versions:
            - name: counter
              version: 1.0.0
        - macro: in_range
          condition: counter.n > 40 and counter.n <= 45
        - list: small_numbers
          items: [1, 2, 3]
        - rule: Even counter
          desc: an even counter event
          condition: counter.even = true
          output: even n=%counter.n
          priority: WARNING
          source: counter
          tags: [test, even]
        - rule: Big counter
          desc: a counter event in a range that has a long description, long enough to be wrapped by the text layout of -L at one hundred and ten columns
          condition: in_range
          output: big n=%counter.n text=%counter.text
          priority: NOTICE
          source: counter
        - rule: Small counter
          desc: never seen with rule_matching first for even numbers
          condition: counter.n in (small_numbers) and not counter.even = true
          output: small n=%counter.n
          priority: INFO
          source: counter
          enabled: false
        """;

    /// <summary>Writes falco.yaml and rules.yaml into <paramref name="folder"/>; returns the configuration file.</summary>
    public static string Write(TempFolder folder, long count = 50, string extra = "", long dwellMicroseconds = 0)
    {
        folder.Write("rules.yaml", Rules);
        return folder.Write("falco.yaml", $$"""
            plugins:
              - name: counter
                library_path: {{Cli.NativePlugin("libcounter.so")}}
                init_config: {count: {{count}}, batch: 10, dwell_us: {{dwellMicroseconds}}}
                open_params: all
            load_plugins: [counter]
            rules_files: [rules.yaml]
            stdout_output:
              enabled: true
            syslog_output:
              enabled: false
            webserver:
              enabled: false
            {{extra}}
            """);
    }
}
