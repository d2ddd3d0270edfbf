namespace Falco.Actors.CorpusGen.Generation;

/// <summary>What one written log file holds: its key and hash (for the digests) and what was planted in it.</summary>
public sealed record FileResult(
    PlannedFile File,
    string Key,
    DateTime Delivered,
    string Sha256Hex,
    DateTime Oldest,
    DateTime Newest,
    long UncompressedBytes,
    long Bytes,
    int[] ScenarioCounts);
