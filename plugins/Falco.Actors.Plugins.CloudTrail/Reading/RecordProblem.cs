namespace Falco.Actors.Plugins.CloudTrail.Reading;

/// <summary>
/// A log file or record that was skipped (malformed, too big, too deep, or a listed entry that is no readable log
/// file): which file, at which byte of its (decompressed) content, what is wrong, and of which kind (each kind is
/// counted under its own metric, see <see cref="ProblemKinds"/>). Reported, never fatal: the stream goes on with the
/// next record or file.
/// </summary>
public sealed record RecordProblem(string File, long Position, string Message, ProblemKind Kind = ProblemKind.RecordMalformed)
{
    /// <summary>The <see cref="Position"/> of a notice about a whole file (or none: <see cref="File"/> empty).</summary>
    public const long NoPosition = -1;

    public override string ToString() =>
        File.Length == 0 ? Message : Position < 0 ? $"{File}: {Message}" : $"{File}: byte {Position}: {Message}";
}

/// <summary>What was skipped. Every kind but <see cref="Notice"/> is something the rules did not see.</summary>
public enum ProblemKind
{
    /// <summary>A record (or the rest of a file) that is not readable JSON: bad syntax, truncated, corrupt gzip.</summary>
    RecordMalformed,
    /// <summary>A record longer than <c>maxRecordSize</c>.</summary>
    RecordTooBig,
    /// <summary>A record nested deeper than Go's <c>encoding/json</c> limit.</summary>
    RecordTooDeep,
    /// <summary>A listed file that is a symbolic link to nothing.</summary>
    FileDanglingLink,
    /// <summary>A listed file whose symbolic links loop.</summary>
    FileLinkLoop,
    /// <summary>A listed name that is a FIFO, socket or device: never opened (a FIFO would block for ever).</summary>
    FileNotRegular,
    /// <summary>A listed file that cannot be opened (permission denied, removed since listing…).</summary>
    FileUnreadable,
    /// <summary>A file or directory reached a second time through a link: not read again (its events would repeat).</summary>
    FileAlreadyListed,
    /// <summary>A notice that loses nothing (a resume that could not continue where asked).</summary>
    Notice,
}

/// <summary>The metric each <see cref="ProblemKind"/> is counted under (the plugin's get_metrics names).</summary>
public static class ProblemKinds
{
    public static readonly IReadOnlyList<ProblemKind> Counted =
    [
        ProblemKind.RecordMalformed, ProblemKind.RecordTooBig, ProblemKind.RecordTooDeep, ProblemKind.FileDanglingLink,
        ProblemKind.FileLinkLoop, ProblemKind.FileNotRegular, ProblemKind.FileUnreadable, ProblemKind.FileAlreadyListed,
    ];

    public static string MetricName(ProblemKind kind) => kind switch
    {
        ProblemKind.RecordMalformed => "records_skipped_malformed",
        ProblemKind.RecordTooBig => "records_skipped_too_big",
        ProblemKind.RecordTooDeep => "records_skipped_too_deep",
        ProblemKind.FileDanglingLink => "files_skipped_dangling_link",
        ProblemKind.FileLinkLoop => "files_skipped_link_loop",
        ProblemKind.FileNotRegular => "files_skipped_not_regular",
        ProblemKind.FileUnreadable => "files_skipped_unreadable",
        ProblemKind.FileAlreadyListed => "files_skipped_already_listed",
        _ => "notices",
    };

    public static bool IsRecord(ProblemKind kind) => kind is ProblemKind.RecordMalformed or ProblemKind.RecordTooBig or ProblemKind.RecordTooDeep;
}
