namespace Falco.Actors.Plugins.CloudTrail.Sources;

/// <summary>What asking a source for its next log file gave.</summary>
public enum FetchStatus
{
    /// <summary>A file is ready.</summary>
    File,
    /// <summary>No file right now, ask again later (SQS with no message).</summary>
    NoFileNow,
    /// <summary>Every file has been handed out.</summary>
    End,
    /// <summary>The next listed entry is no readable log file (<see cref="ILogFileSource.LastSkip"/> says which and why): ask again.</summary>
    Skipped,
}

/// <summary>A listed entry that is not read: its name, why (one line), and the kind it is counted under.</summary>
public sealed record LogFileSkip(string Name, string Message, Reading.ProblemKind Kind);

/// <summary>One log file to read: its name (path or S3 key) and its content as stored (gzip or not).</summary>
public sealed record LogFile(string Name, Stream Content) : IDisposable
{
    /// <summary>CloudTrail compresses by file-name suffix, as the Go plugin decides.</summary>
    public bool IsCompressed => Name.EndsWith(".json.gz", StringComparison.Ordinal);

    public void Dispose() => Content.Dispose();
}

/// <summary>
/// Where log files come from (a local path, an S3 listing, an SQS queue of notifications). Called by one owner,
/// one call at a time; <see cref="Next"/> may block while downloading.
/// </summary>
public interface ILogFileSource : IDisposable
{
    /// <summary>Files known so far (an SQS source learns of more as messages arrive).</summary>
    int TotalFiles { get; }

    /// <summary>Files handed out so far.</summary>
    int FilesStarted { get; }

    /// <summary>
    /// True for a source that waits for new files (SQS) rather than ending: it is read on the caller's thread, with
    /// no read-ahead, so "no file now" reaches the caller when it happens.
    /// </summary>
    bool IsLive => false;

    FetchStatus Next(out LogFile? file, CancellationToken cancel = default);

    /// <summary>The entry the last <see cref="Next"/> answering <see cref="FetchStatus.Skipped"/> passed over.</summary>
    LogFileSkip? LastSkip => null;

    /// <summary>
    /// Before the first <see cref="Next"/>: makes the file named <paramref name="name"/> (as <see cref="LogFile.Name"/>
    /// gave it) the next one handed out, without opening or fetching any file listed before it, which count as
    /// started. False, with nothing changed, when the name is not listed or the source cannot skip (a live one).
    /// </summary>
    bool SkipTo(string name) => false;
}
