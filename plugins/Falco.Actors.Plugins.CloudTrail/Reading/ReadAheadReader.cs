using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Falco.Actors.Plugins.CloudTrail.Sources;

namespace Falco.Actors.Plugins.CloudTrail.Reading;

/// <summary>
/// Reads ahead on worker threads of its own (<see cref="ReadAheadWorker"/>, <see cref="DefaultWorkers"/> by default):
/// each opens, gunzips, splits and checks a different file while the owner's thread hands out the records already
/// read. Files are taken from the source one call at a time through a turnstile that numbers them and notes which
/// worker has each; the owner takes file after file from the worker that has it, so records are delivered in exactly
/// the order of the files, each problem and source failure at its place among them, on the caller's thread. Records
/// are never copied: a worker's splitter reads into pooled buffers and hands each full buffer over with the records it
/// holds (a <see cref="RecordChunk"/>). Memory is bounded: the workers' queues together hold at most
/// <see cref="ChunksAhead"/> chunks, so about <see cref="ChunksAhead"/> × <see cref="RecordSplitter.BufferSize"/>
/// (3 MB) of decompressed records wait, plus one buffer being filled per worker and the one being handed out (a
/// larger buffer only for a record that does not fit), plus each worker's open file as the source gives it.
/// <see cref="Dispose"/> stops every worker, waits for them and disposes the source.
/// </summary>
internal sealed class ReadAheadReader : IDisposable
{
    public const int ChunksAhead = 24;

    /// <summary>Two files at a time where there are two cores: one more thread than the caller's would only contend.</summary>
    public static int DefaultWorkers => Math.Min(2, Environment.ProcessorCount);

    private readonly ILogFileSource _source;
    private readonly Action<RecordProblem> _report;
    private readonly ReadAheadWorker[] _workers;
    private readonly BlockingCollection<ReadAheadWorker> _fileOwners = new();
    private readonly ConcurrentQueue<RecordChunk> _freeChunks = new();
    private readonly ConcurrentQueue<byte[]> _freeBuffers = new();
    private readonly CancellationTokenSource _stop = new();
    private bool _started;
    private bool _disposed;

    // Turnstile: the source is called by one worker at a time, in order.
    private readonly Lock _turnstile = new();
    private long _nextFileNumber;
    private bool _sourceDone;

    // Caller side.
    private ReadAheadWorker? _currentOwner;
    private long _currentFile;
    private RecordChunk? _current;
    private int _index;
    private int _problemIndex;
    private bool _ended;

    /// <param name="report">Called on the caller's thread, in order with the records.</param>
    /// <param name="workers">Files read at the same time (0: <see cref="DefaultWorkers"/>).</param>
    public ReadAheadReader(ILogFileSource source, Action<RecordProblem> report, int workers = 0)
    {
        _source = source;
        _report = report;
        var count = workers > 0 ? workers : DefaultWorkers;
        var chunksEach = Math.Max(1, ChunksAhead / count);
        _workers = new ReadAheadWorker[count];
        for (var i = 0; i < count; i++)
        {
            _workers[i] = new ReadAheadWorker(this, source, chunksEach, $"cloudtrail-read-ahead-{i}");
        }
    }

    /// <summary>The source's files started as far as the records handed out so far go.</summary>
    public int FilesStarted { get; private set; }

    internal CancellationToken Stopping => _stop.Token;

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
            StartWorkers();
            // The worker that took the next file (the turnstile noted owners in file order), then its next chunk.
            _currentOwner ??= _fileOwners.Take(cancel);
            var next = _currentOwner.Ready.Take(cancel);
            if (next.FileNumber != _currentFile)
            {
                throw new InvalidOperationException(
                    $"cloudtrail read-ahead: got a chunk of file {next.FileNumber} while reading file {_currentFile}");
            }
            FilesStarted = next.FilesStarted;
            if (next.Kind == ChunkKind.Records)
            {
                _current = next;
                _index = 0;
                _problemIndex = 0;
                continue;
            }
            // The file (or fetch) is over: the next chunk comes from whoever took the next file.
            _currentOwner = null;
            _currentFile++;
            var kind = next.Kind;
            var error = next.Error;
            Recycle(next);
            switch (kind)
            {
                case ChunkKind.FileEnd:
                    continue;
                case ChunkKind.Error:
                    error!.Throw();
                    break;
                case ChunkKind.End:
                    _ended = true;
                    break;
            }
            record = default;
            return _ended ? ReadStatus.End : ReadStatus.NoEventNow;
        }
    }

    /// <summary>
    /// A worker's turn at the source: the next file (or end, or failure), numbered, with the worker noted as its
    /// owner. False once the source has ended or the reader is disposed.
    /// </summary>
    internal bool TryFetch(ReadAheadWorker worker, out FetchedFile fetched)
    {
        lock (_turnstile)
        {
            if (_sourceDone || _stop.IsCancellationRequested)
            {
                fetched = default;
                return false;
            }
            var number = _nextFileNumber++;
            try
            {
                var status = _source.Next(out var file, _stop.Token);
                _sourceDone = status == FetchStatus.End;
                fetched = new FetchedFile(number, status, file, null, _source.FilesStarted);
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                fetched = new FetchedFile(number, FetchStatus.NoFileNow, null, ExceptionDispatchInfo.Capture(e),
                    _source.FilesStarted);
            }
            _fileOwners.Add(worker);
            return true;
        }
    }

    private void StartWorkers()
    {
        if (_started)
        {
            return;
        }
        _started = true;
        foreach (var worker in _workers)
        {
            worker.Thread.Start();
        }
    }

    private void ReportProblems(RecordChunk chunk, int before)
    {
        while (_problemIndex < chunk.Problems.Count && chunk.Problems[_problemIndex].Before <= before)
        {
            _report(chunk.Problems[_problemIndex++].Problem);
        }
        if (before >= chunk.Count)
        {
            while (_problemIndex < chunk.Problems.Count)
            {
                _report(chunk.Problems[_problemIndex++].Problem);
            }
        }
    }

    internal RecordChunk FreeChunk() => _freeChunks.TryDequeue(out var chunk) ? chunk : new RecordChunk();

    internal void Recycle(RecordChunk chunk)
    {
        if (chunk.Buffer is { } buffer)
        {
            ReturnBuffer(buffer);
        }
        chunk.Clear();
        _freeChunks.Enqueue(chunk);
    }

    internal byte[] RentBuffer(int minimumLength) =>
        minimumLength <= RecordSplitter.BufferSize && _freeBuffers.TryDequeue(out var buffer)
            ? buffer
            : new byte[Math.Max(minimumLength, RecordSplitter.BufferSize)];

    internal void ReturnBuffer(byte[] buffer)
    {
        // Oversized buffers (a huge record) go back to the GC.
        if (buffer.Length == RecordSplitter.BufferSize)
        {
            _freeBuffers.Enqueue(buffer);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _stop.Cancel();
        foreach (var worker in _workers)
        {
            if (worker.Thread.IsAlive)
            {
                worker.Thread.Join();
            }
        }
        foreach (var worker in _workers)
        {
            worker.Close();
        }
        _source.Dispose();
        _stop.Dispose();
        _fileOwners.Dispose();
    }
}
