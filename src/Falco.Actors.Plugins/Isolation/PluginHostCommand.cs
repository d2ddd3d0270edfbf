namespace Falco.Actors.Plugins.Isolation;

/// <summary>
/// How to start a plugin-host process: the executable and the arguments before <see cref="PluginHostServer.Flag"/>.
/// The host is <c>falco-actors</c> itself (its hidden host mode), so nothing else has to be installed.
/// </summary>
public sealed record PluginHostCommand(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>The CLI's assembly, next to the engine's assemblies (in a build, a publish, and a test's output).</summary>
    public const string CliAssembly = "falco-actors.dll";

    /// <summary>
    /// <c>falco-actors</c> as this process runs it: the process itself when it is the <c>falco-actors</c> executable;
    /// else <see cref="CliAssembly"/> from this application's folder, run by this process's <c>dotnet</c> (or the one
    /// <c>DOTNET_HOST_PATH</c> names, else the one on PATH) — which is how tests and embedders find it.
    /// </summary>
    public static PluginHostCommand Locate()
    {
        var process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "falco-actors")
        {
            return new PluginHostCommand(process, []);
        }
        var cli = Path.Combine(AppContext.BaseDirectory, CliAssembly);
        if (!File.Exists(cli))
        {
            throw new Abstractions.PluginException(
                $"cannot run a plugin isolated: the plugin host ({CliAssembly}) is not in {AppContext.BaseDirectory}");
        }
        var dotnet = process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? process
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        return new PluginHostCommand(dotnet, [cli]);
    }
}
