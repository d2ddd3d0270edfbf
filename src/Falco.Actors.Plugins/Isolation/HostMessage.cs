namespace Falco.Actors.Plugins.Isolation;

/// <summary>
/// The kind of one frame between the engine and its plugin-host process. The engine sends a request and waits for
/// its answer; every answer is one frame, so a session's calls stay one at a time, as in process.
/// </summary>
internal enum HostMessage : byte
{
    /// <summary>Engine → host: the library path and the init config: load the library and init a state.</summary>
    Init = 1,

    /// <summary>Engine → host: the open params: open a stream on the state.</summary>
    Open = 2,

    /// <summary>Engine → host: the most events wanted (int32): call next_batch until that many, or until it stops giving SUCCESS.</summary>
    NextBatch = 3,

    /// <summary>Engine → host: get_progress.</summary>
    Progress = 4,

    /// <summary>Engine → host: close the stream.</summary>
    Close = 5,

    /// <summary>Engine → host: destroy the state, then exit.</summary>
    Destroy = 6,

    /// <summary>Host → engine: the call succeeded and has nothing to say (init, open, close, destroy).</summary>
    Done = 0x81,

    /// <summary>Host → engine: a status byte and a batch of events (<see cref="HostBatchFormat"/>).</summary>
    Batch = 0x82,

    /// <summary>Host → engine: a flag (the plugin reports progress), the percentage and the plugin's text.</summary>
    ProgressIs = 0x83,

    /// <summary>Host → engine: the call failed cleanly (a <see cref="Abstractions.PluginException"/>'s message).</summary>
    Failed = 0x8F,
}
