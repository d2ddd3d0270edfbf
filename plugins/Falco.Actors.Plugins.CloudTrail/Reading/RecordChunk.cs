namespace Falco.Actors.Plugins.CloudTrail.Reading;

/// <summary>What a <see cref="RecordChunk"/> carries from the read-ahead worker to the reader.</summary>
internal enum ChunkKind
{
    /// <summary>Records (all in one read buffer) and the problems met before, between and after them.</summary>
    Records,
    /// <summary>The source has no file now.</summary>
    NoEventNow,
    /// <summary>Every file has been read.</summary>
    End,
    /// <summary>The source failed; the reader rethrows <see cref="RecordChunk.Error"/>.</summary>
    Error,
}

/// <summary>
/// Accepted records of one retired read buffer, in order, with the problems reported in between (each with the
/// number of records before it), so the reader hands both out in exactly the order the file had them. Reused.
/// </summary>
internal sealed class RecordChunk
{
    private int[] _starts = new int[128];
    private int[] _lengths = new int[128];
    private ulong[] _timestamps = new ulong[128];

    public ChunkKind Kind { get; set; }

    /// <summary>The buffer every record lies in (null before the first record).</summary>
    public byte[]? Buffer { get; private set; }

    public int Count { get; private set; }

    public List<(int Before, RecordProblem Problem)> Problems { get; } = [];

    public System.Runtime.ExceptionServices.ExceptionDispatchInfo? Error { get; set; }

    /// <summary>
    /// The file the records come from. A chunk never holds records of two files: the splitter retires its buffer at
    /// every file's end, and a buffer's records are handed over when it is retired.
    /// </summary>
    public string File { get; set; } = "";

    /// <summary>The source's files started when the chunk was handed over (progress as the reader has got).</summary>
    public int FilesStarted { get; set; }

    public void Add(byte[] buffer, int start, int length, ulong timestampNs)
    {
        if (Count == _starts.Length)
        {
            Array.Resize(ref _starts, Count * 2);
            Array.Resize(ref _lengths, Count * 2);
            Array.Resize(ref _timestamps, Count * 2);
        }
        Buffer = buffer;
        _starts[Count] = start;
        _lengths[Count] = length;
        _timestamps[Count++] = timestampNs;
    }

    public CloudTrailRecord this[int index] =>
        new(new ReadOnlyMemory<byte>(Buffer, _starts[index], _lengths[index]), _timestamps[index]);

    public void Clear()
    {
        Kind = ChunkKind.Records;
        Buffer = null;
        Count = 0;
        Problems.Clear();
        Error = null;
        File = "";
        FilesStarted = 0;
    }
}
