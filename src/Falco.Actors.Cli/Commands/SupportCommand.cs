using System.Runtime.InteropServices;
using Falco.Actors.Cli.Options;
using Falco.Actors.Cli.Startup;
using Falco.Actors.Engine.Hosting;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Engine.Redaction;
using Falco.Actors.Rules.Output;

namespace Falco.Actors.Cli.Commands;

/// <summary>
/// <c>--support</c>: Falco's support dump, one JSON line on stdout, after the configuration, plugins and rules loaded
/// (their errors stop it as they stop a run): <c>version</c>, <c>engine_info</c> (<see cref="VersionsInfo"/>, with
/// the loaded plugins), <c>system_info</c> (uname), <c>cmdline</c>, <c>config</c> (the configuration file's text,
/// with secrets masked: it is meant to be pasted into a bug report) and <c>rules_files</c> (each file loaded, with
/// its content).
/// </summary>
public static class SupportCommand
{
    public static int Run(CliOptions options, TextWriter stdout, TextWriter stderr)
    {
        var config = ConfigurationStep.Load(options, stderr);
        var plugins = PluginsStep.Load(config, stderr);
        var rules = RulesStep.Load(config, plugins, stderr);
        var system = Uname();
        stdout.Write(JsonText.Document(json =>
        {
            json.WriteStartObject();
            json.WriteString("version", FalcoActorsVersion.Current);
            json.WritePropertyName("engine_info");
            json.WriteRawValue(VersionsInfo.Json(plugins.Versions));
            json.WriteStartObject("system_info");
            foreach (var (name, value) in system)
            {
                json.WriteString(name, value);
            }
            json.WriteEndObject();
            json.WriteString("cmdline", string.Join(' ', options.Arguments.Prepend("falco-actors")));
            json.WriteString("config", Secrets.Redact(ConfigurationStep.FileOf(config) is { } file ? File.ReadAllText(file) : ""));
            json.WriteStartArray("rules_files");
            foreach (var loaded in rules.Files)
            {
                json.WriteStartObject();
                json.WriteString("name", loaded.Name);
                json.WriteStartArray("variants");
                json.WriteStartObject();
                json.WriteString("content", File.Exists(loaded.Name) ? File.ReadAllText(loaded.Name) : "");
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }) + "\n");
        return 0;
    }

    /// <summary>uname(2)'s five fields, named as Falco names them.</summary>
    private static unsafe (string, string)[] Uname()
    {
        // Linux's struct utsname: six fields of 65 bytes (sysname, nodename, release, version, machine, domainname).
        const int Field = 65;
        var buffer = stackalloc byte[Field * 6];
        if (uname(buffer) != 0)
        {
            throw new StartupException($"Could not uname() to find system info: errno {Marshal.GetLastPInvokeError()}");
        }
        string Read(int index) => Marshal.PtrToStringUTF8((nint)(buffer + index * Field)) ?? "";
        return [("sysname", Read(0)), ("nodename", Read(1)), ("release", Read(2)), ("version", Read(3)), ("machine", Read(4))];
    }

    [DllImport("libc", SetLastError = true)]
    private static extern unsafe int uname(byte* buffer);
}
