namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// Binds the output sections (<c>stdout_output</c>, <c>syslog_output</c>, <c>file_output</c>, <c>program_output</c>,
/// <c>http_output</c>), <c>outputs</c> and <c>outputs_queue</c>. Each reads its section over <c>d</c>, the section's defaults,
/// and an output enabled without its target is an error in Falco's words.
/// </summary>
internal static class OutputsBinder
{
    public static SimpleOutputConfig Simple(ConfigMap root, string key, SimpleOutputConfig d) =>
        new(root.Section(key).Bool("enabled", d.Enabled));

    public static FileOutputConfig File(ConfigMap root, string key, FileOutputConfig d, string baseDirectory)
    {
        var map = root.Section(key);
        var enabled = map.Bool("enabled", d.Enabled);
        var filename = map.String("filename", d.Filename.Raw);
        if (enabled && filename.Length == 0)
        {
            throw root.Error(key, "file output enabled but no filename in configuration block");
        }
        return new FileOutputConfig(enabled, ConfigPath.Resolve(filename, baseDirectory), map.Bool("keep_alive", d.KeepAlive));
    }

    public static ProgramOutputConfig Program(ConfigMap root, string key, ProgramOutputConfig d)
    {
        var map = root.Section(key);
        var enabled = map.Bool("enabled", d.Enabled);
        var program = map.String("program", d.Program);
        if (enabled && program.Trim().Length == 0)
        {
            throw root.Error(key, "program output enabled but no program in configuration block");
        }
        return new ProgramOutputConfig(enabled, program, map.Bool("keep_alive", d.KeepAlive));
    }

    public static HttpOutputConfig Http(ConfigMap root, string key, HttpOutputConfig d)
    {
        var map = root.Section(key);
        var enabled = map.Bool("enabled", d.Enabled);
        var url = map.String("url", d.Url);
        if (enabled)
        {
            if (url.Length == 0)
            {
                throw root.Error(key, "http output enabled but no url in configuration block");
            }
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw map.Error("url", $"expected an http:// or https:// URL, got '{url}'");
            }
        }
        return new HttpOutputConfig(
            Enabled: enabled,
            Url: url,
            UserAgent: map.String("user_agent", d.UserAgent),
            Insecure: map.Bool("insecure", d.Insecure),
            CaCert: map.String("ca_cert", d.CaCert),
            CaBundle: map.String("ca_bundle", d.CaBundle),
            CaPath: map.String("ca_path", d.CaPath),
            Mtls: map.Bool("mtls", d.Mtls),
            ClientCert: map.String("client_cert", d.ClientCert),
            ClientKey: map.String("client_key", d.ClientKey),
            CompressUploads: map.Bool("compress_uploads", d.CompressUploads),
            KeepAlive: map.Bool("keep_alive", d.KeepAlive),
            Echo: map.Bool("echo", d.Echo))
        {
            MaxConsecutiveTimeouts = map.Int("max_consecutive_timeouts", d.MaxConsecutiveTimeouts, 0, 1000),
        };
    }

    /// <summary><c>outputs_queue</c>: the capacity of each output's queue (0: the default).</summary>
    public static OutputsQueueConfig Queue(ConfigMap root, string key, OutputsQueueConfig d) =>
        new(root.Section(key).Int("capacity", d.Capacity, 0, int.MaxValue));

    /// <summary><c>outputs</c>: the alert token bucket.</summary>
    public static OutputRateConfig Rate(ConfigMap root, string key, OutputRateConfig d)
    {
        var map = root.Section(key);
        return new OutputRateConfig(map.Number("rate", d.Rate, 0), map.Number("max_burst", d.MaxBurst, 0));
    }
}
