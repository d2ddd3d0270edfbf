namespace Falco.Actors.Engine.Monitoring;

/// <summary>
/// What one client may take of the webserver. It serves two small GET pages, so everything else is refused early:
/// bounded request line, headers and body, a maximum number of open connections, and timeouts that drop a client
/// which sends its headers too slowly (slowloris), stays idle or never finishes the TLS handshake.
/// </summary>
public sealed record WebServerLimits
{
    public int MaxConnections { get; init; } = 256;

    public int MaxRequestLineBytes { get; init; } = 4 * 1024;

    public int MaxHeaderBytes { get; init; } = 8 * 1024;

    public int MaxHeaderCount { get; init; } = 32;

    public long MaxBodyBytes { get; init; } = 1024;

    /// <summary>The whole request line and headers must arrive within this time.</summary>
    public TimeSpan HeadersTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A connection with no request in progress is closed after this time.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan TlsHandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
