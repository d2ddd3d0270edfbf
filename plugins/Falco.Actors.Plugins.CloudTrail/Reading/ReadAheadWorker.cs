using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Falco.Actors.Plugins.CloudTrail.Sources;

namespace Falco.Actors.Plugins.CloudTrail.Reading;

/// <summary>
/// One thread of a <see cref="ReadAheadReader"/>: takes the next file of the source (through the reader's
/// turnstile, which numbers it), opens, gunzips, splits and checks it with a splitter of its own, and queues its
/// records and problems in chunks, then a chunk that ends the file (<see cref="ChunkKind.FileEnd"/>, or
/// <see cref="ChunkKind.Error"/> if reading failed). Its queue holds its files in the order it took them.
/// </summary>
internal sealed class ReadAheadWorker : IRecordBuffers
{
    private readonly ReadAheadReader _owner;
    private readonly LogRecordReader _reader;
    private readonly CancellationToken _stop;
    private RecordChunk _filling;
    private FetchedFile _file;

    public ReadAheadWorker(ReadAheadReader owner, ILogFileSource source, int chunksAhead, string name)
    {
        _owner = owner;
        _stop = owner.Stopping;
        _filling = owner.FreeChunk();
        _reader = new LogRecordReader(source, AddProblem, this);
        Ready = new BlockingCollection<RecordChunk>(chunksAhead);
        Thread = new Thread(Work) { IsBackground = true, Name = name };
    }

    /// <summary>This worker's chunks, file after file in the order it took them.</summary>
    public BlockingCollection<RecordChunk> Ready { get; }

    public Thread Thread { get; }

    private void Work()
    {
        try
        {
            while (_owner.TryFetch(this, out _file))
            {
                if (_file.Error is { } error)
                {
                    // As without read-ahead: the caller gets the source's failure at its place, and may read on.
                    Hand(ChunkKind.Error, error);
                }
                else if (_file.File is { } file)
                {
                    Read(file);
                }
                else if (_file.Status == FetchStatus.End)
                {
                    Hand(ChunkKind.End, null);
                    return;
                }
                else
                {
                    Hand(ChunkKind.NoEventNow, null);
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // Disposed (a wait or a source call cancelled): whatever it threw, nobody reads on.
        }
    }

    private void Read(LogFile file)
    {
        try
        {
            _reader.Open(file);
            while (_reader.TryNextOfFile(out var record))
            {
                MemoryMarshal.TryGetArray(record.Payload, out var segment);
                _filling.Add(segment.Array!, segment.Offset, segment.Count, record.TimestampNs);
            }
        }
        catch (Exception e) when (!_stop.IsCancellationRequested)
        {
            // The records read so far go first, then the failure; the next file is read as usual.
            _reader.CloseFile();
            HandOverProblems();
            Hand(ChunkKind.Error, ExceptionDispatchInfo.Capture(e));
            return;
        }
        HandOverProblems();
        Hand(ChunkKind.FileEnd, null);
    }

    /// <summary>Hands over the problems met since the last full buffer (a file's records are handed over at its end).</summary>
    private void HandOverProblems()
    {
        // Records are handed over with their buffer only (a file's at its end): never a buffer still being filled.
        if (_filling.Count == 0 && _filling.Problems.Count > 0)
        {
            HandOver();
        }
    }

    private void Hand(ChunkKind kind, ExceptionDispatchInfo? error)
    {
        var chunk = _owner.FreeChunk();
        chunk.Kind = kind;
        chunk.Error = error;
        Queue(chunk);
    }

    private void HandOver()
    {
        var chunk = _filling;
        _filling = _owner.FreeChunk();
        Queue(chunk);
    }

    private void Queue(RecordChunk chunk)
    {
        if (_stop.IsCancellationRequested)
        {
            // Disposing: the file being closed hands over no more.
            _owner.Recycle(chunk);
            return;
        }
        chunk.FileNumber = _file.Number;
        chunk.FilesStarted = _file.FilesStarted;
        Ready.Add(chunk, _stop);
    }

    private void AddProblem(RecordProblem problem) => _filling.Problems.Add((_filling.Count, problem));

    byte[] IRecordBuffers.Rent(int minimumLength) => _owner.RentBuffer(minimumLength);

    void IRecordBuffers.Retire(byte[] buffer)
    {
        if (ReferenceEquals(_filling.Buffer, buffer))
        {
            HandOver();
        }
        else
        {
            _owner.ReturnBuffer(buffer);
        }
    }

    /// <summary>After the thread has stopped: closes the file it was reading, without handing anything over.</summary>
    public void Close()
    {
        _reader.CloseFile();
        Ready.Dispose();
    }
}

/// <summary>What a worker got from the source: a file, the end, "no file now" or a failure; numbered in order.</summary>
internal readonly record struct FetchedFile(
    long Number, FetchStatus Status, LogFile? File, ExceptionDispatchInfo? Error, int FilesStarted);
