namespace Falco.Actors.Engine.Configuration;

/// <summary><c>stdout_output</c> and <c>syslog_output</c>: only an on/off switch.</summary>
public sealed record SimpleOutputConfig(bool Enabled);

/// <summary><c>file_output</c>: alerts appended to a file, reopened per alert unless <see cref="KeepAlive"/>.</summary>
public sealed record FileOutputConfig(bool Enabled, ConfigPath Filename, bool KeepAlive);

/// <summary><c>program_output</c>: alerts piped to <c>/bin/sh -c Program</c>, one process per alert unless <see cref="KeepAlive"/>.</summary>
public sealed record ProgramOutputConfig(bool Enabled, string Program, bool KeepAlive);

/// <summary><c>http_output</c>: alerts POSTed to <see cref="Url"/> (Falcosidekick compatible).</summary>
public sealed record HttpOutputConfig(
    bool Enabled,
    string Url,
    string UserAgent,
    bool Insecure,
    string CaCert,
    string CaBundle,
    string CaPath,
    bool Mtls,
    string ClientCert,
    string ClientKey,
    bool CompressUploads,
    bool KeepAlive,
    bool Echo)
{
    /// <summary>
    /// <c>max_consecutive_timeouts</c>: how many times one alert is tried before it is given up (Falco retries a
    /// timed-out request up to this many times, so that alerts survive a short network outage). Here every failed
    /// attempt counts, each bounded by <c>output_timeout</c>; 0 still makes one attempt.
    /// </summary>
    public int MaxConsecutiveTimeouts { get; init; } = 5;
}

/// <summary>
/// <c>outputs_queue</c>: how many alerts may wait for an output. Falco has one queue for all its outputs; here each
/// output has its own of <see cref="Capacity"/> alerts, and one that is full drops what does not fit (counted), as
/// Falco's does. Falco's 0 means unbounded, which a stuck output would turn into unbounded memory: here it means
/// <see cref="DefaultCapacity"/> alerts per output.
/// </summary>
public sealed record OutputsQueueConfig(int Capacity)
{
    public const int DefaultCapacity = 10_000;

    /// <summary>The capacity of each output's queue.</summary>
    public int PerOutput => Capacity == 0 ? DefaultCapacity : Capacity;
}

/// <summary><c>outputs</c>: the alert token bucket; a <see cref="Rate"/> of 0 disables it.</summary>
public sealed record OutputRateConfig(double Rate, double MaxBurst);

/// <summary><c>webserver</c>: the health endpoint and /metrics.</summary>
public sealed record WebserverConfig(bool Enabled, int ListenPort, string ListenAddress, string K8sHealthzEndpoint)
{
    /// <summary><c>ssl_enabled</c>: serve HTTPS with <see cref="SslCertificate"/>.</summary>
    public bool SslEnabled { get; init; }

    /// <summary><c>ssl_certificate</c>: one PEM file holding the certificate and its (unencrypted) private key, as Falco's.</summary>
    public string SslCertificate { get; init; } = "/etc/falco/falco.pem";

    /// <summary><c>threadiness</c>: requests served at once; 0 is the number of processors, as in Falco.</summary>
    public int Threadiness { get; init; }

    /// <summary>
    /// <c>prometheus_metrics_enabled</c>: serve /metrics; as in Falco only together with <c>metrics.enabled</c>
    /// (off by default: /metrics answers 404).
    /// </summary>
    public bool PrometheusMetricsEnabled { get; init; }
}

/// <summary><c>log_level</c>, <c>log_stderr</c>, <c>log_syslog</c>.</summary>
public sealed record LoggingConfig(string Level, bool Stderr, bool Syslog);
