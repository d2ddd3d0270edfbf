namespace Falco.Actors.Plugins.CloudTrail.Reading;

/// <summary>
/// A log file or record that was skipped because it is malformed: which file, at which byte of its (decompressed)
/// content, and what is wrong. Reported, never fatal: the stream goes on with the next record or file.
/// </summary>
public sealed record RecordProblem(string File, long Position, string Message)
{
    /// <summary>The <see cref="Position"/> of a notice about a whole file (or none: <see cref="File"/> empty).</summary>
    public const long NoPosition = -1;

    public override string ToString() =>
        File.Length == 0 ? Message : Position < 0 ? $"{File}: {Message}" : $"{File}: byte {Position}: {Message}";
}
