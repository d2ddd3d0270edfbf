using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Falco.Actors.Plugins.CloudTrail.Sources;

namespace Falco.Actors.Plugins.CloudTrail.Reading;

/// <summary>
/// Reads ahead on a worker thread of its own: the worker opens, gunzips, splits and checks the next files while the
/// owner's thread hands out the records already read, so a session keeps two cores busy. Records are delivered in
/// exactly the order of the files, each problem at its place among them, on the caller's thread. Records are never
/// copied: the worker's splitter reads into pooled buffers and hands each full buffer over with the records it holds
/// (a <see cref="RecordChunk"/>). Memory is bounded: at most <see cref="ChunksAhead"/> chunks wait, about
/// <see cref="ChunksAhead"/> × <see cref="RecordSplitter.BufferSize"/> (3 MB) of decompressed records, plus the
/// buffer being filled and the one being handed out (a larger buffer only for a record that does not fit, never
/// much larger than the splitter's record size limit).
/// <see cref="Dispose"/> stops the worker and waits for it.
/// </summary>
internal sealed class ReadAheadReader : IRecordBuffers, IDisposable
{
    public const int ChunksAhead = 24;

    private readonly LogRecordReader _reader;
    private readonly ILogFileSource _source;
    private readonly Action<RecordProblem> _report;
    private readonly BlockingCollection<RecordChunk> _ready = new(ChunksAhead);
    private readonly ConcurrentQueue<RecordChunk> _freeChunks = new();
    private readonly ConcurrentQueue<byte[]> _freeBuffers = new();
    private readonly CancellationTokenSource _stop = new();
    private Thread? _worker;

    // Worker side.
    private RecordChunk _filling;

    // Caller side.
    private RecordChunk? _current;
    private int _index;
    private int _problemIndex;
    private bool _ended;

    /// <param name="report">Called on the caller's thread, in order with the records.</param>
    /// <param name="maxRecordSize">The longest record kept (see <see cref="RecordSplitter"/>).</param>
    public ReadAheadReader(ILogFileSource source, Action<RecordProblem> report,
        int maxRecordSize = RecordSplitter.DefaultMaxRecordSize)
    {
        _source = source;
        _report = report;
        _filling = new RecordChunk();
        _reader = new LogRecordReader(source, AddProblem, this, maxRecordSize);
    }

    /// <summary>The source's files started as far as the records handed out so far go.</summary>
    public int FilesStarted { get; private set; }

    /// <summary>The name of the file the last record handed out came from.</summary>
    public string CurrentFile { get; private set; } = "";

    /// <summary>See <see cref="LogRecordReader.SkipInFirstFile"/>; before the first <see cref="Next"/>.</summary>
    public void SkipInFirstFile(ulong records)
    {
        if (_worker is not null)
        {
            throw new InvalidOperationException("records can only be skipped before reading starts");
        }
        // The worker, started later, sees the count (Thread.Start orders it before the worker's reads).
        _reader.SkipInFirstFile(records);
    }

    /// <summary>The next event; its payload is valid until the next call.</summary>
    public ReadStatus Next(out CloudTrailRecord record, CancellationToken cancel)
    {
        while (true)
        {
            if (_current is { } chunk)
            {
                ReportProblems(chunk, _index);
                if (_index < chunk.Count)
                {
                    record = chunk[_index++];
                    return ReadStatus.Record;
                }
                _current = null;
                Recycle(chunk);
            }
            if (_ended)
            {
                record = default;
                return ReadStatus.End;
            }
            _worker ??= StartWorker();
            var next = _ready.Take(cancel);
            FilesStarted = next.FilesStarted;
            switch (next.Kind)
            {
                case ChunkKind.Records:
                    _current = next;
                    CurrentFile = next.File;
                    _index = 0;
                    _problemIndex = 0;
                    continue;
                case ChunkKind.Error:
                    var error = next.Error!;
                    Recycle(next);
                    error.Throw();
                    break;
                case ChunkKind.End:
                    _ended = true;
                    break;
            }
            Recycle(next);
            record = default;
            return _ended ? ReadStatus.End : ReadStatus.NoEventNow;
        }
    }

    private void ReportProblems(RecordChunk chunk, int before)
    {
        // A problem's Before is at most the chunk's Count (it is the count when it was met), so at the chunk's end
        // this reports every one that is left.
        while (_problemIndex < chunk.Problems.Count && chunk.Problems[_problemIndex].Before <= before)
        {
            _report(chunk.Problems[_problemIndex++].Problem);
        }
    }

    private Thread StartWorker()
    {
        var thread = new Thread(Work) { IsBackground = true, Name = "cloudtrail-read-ahead" };
        thread.Start();
        return thread;
    }

    private void Work()
    {
        var stop = _stop.Token;
        try
        {
            while (true)
            {
                ReadStatus status;
                try
                {
                    status = _reader.Next(out var record, stop);
                    if (status == ReadStatus.Record)
                    {
                        var bytes = record.Payload;
                        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment);
                        _filling.Add(segment.Array!, segment.Offset, segment.Count, record.TimestampNs);
                        continue;
                    }
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    // As without read-ahead: the caller gets the source's failure, and may read on after it.
                    HandOverProblems();
                    Hand(ChunkKind.Error, ExceptionDispatchInfo.Capture(e));
                    continue;
                }
                HandOverProblems();
                Hand(status == ReadStatus.End ? ChunkKind.End : ChunkKind.NoEventNow, null);
                if (status == ReadStatus.End)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed.
        }
        catch (ObjectDisposedException) when (stop.IsCancellationRequested)
        {
            // Disposed while a source call was in flight.
        }
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
        var chunk = FreeChunk();
        chunk.Kind = kind;
        chunk.Error = error;
        chunk.FilesStarted = _source.FilesStarted;
        _ready.Add(chunk, _stop.Token);
    }

    private void HandOver()
    {
        var chunk = _filling;
        _filling = FreeChunk();
        chunk.File = _reader.CurrentFile;
        chunk.FilesStarted = _source.FilesStarted;
        _ready.Add(chunk, _stop.Token);
    }

    private void AddProblem(RecordProblem problem) => _filling.Problems.Add((_filling.Count, problem));

    private RecordChunk FreeChunk() => _freeChunks.TryDequeue(out var chunk) ? chunk : new RecordChunk();

    private void Recycle(RecordChunk chunk)
    {
        if (chunk.Buffer is { } buffer)
        {
            ReturnBuffer(buffer);
        }
        chunk.Clear();
        _freeChunks.Enqueue(chunk);
    }

    private void ReturnBuffer(byte[] buffer)
    {
        // Oversized buffers (a huge record) go back to the GC.
        if (buffer.Length == RecordSplitter.BufferSize)
        {
            _freeBuffers.Enqueue(buffer);
        }
    }

    byte[] IRecordBuffers.Rent(int minimumLength) =>
        minimumLength <= RecordSplitter.BufferSize && _freeBuffers.TryDequeue(out var buffer)
            ? buffer
            : new byte[Math.Max(minimumLength, RecordSplitter.BufferSize)];

    void IRecordBuffers.Retire(byte[] buffer)
    {
        if (ReferenceEquals(_filling.Buffer, buffer))
        {
            HandOver();
        }
        else
        {
            ReturnBuffer(buffer);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _worker?.Join();
        _reader.Dispose();
        _stop.Dispose();
        _ready.Dispose();
    }
}
