namespace Falco.Actors.Plugins.CloudTrail.Reading;

/// <summary>
/// A log file or record that was skipped because it is malformed: which file, at which byte of its (decompressed)
/// content, and what is wrong. Reported, never fatal: the stream goes on with the next record or file.
/// </summary>
public sealed record RecordProblem(string File, long Position, string Message)
{
    public override string ToString() => $"{File}: byte {Position}: {Message}";
}
