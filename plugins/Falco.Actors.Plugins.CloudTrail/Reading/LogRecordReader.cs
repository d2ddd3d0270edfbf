using System.IO.Compression;
using Falco.Actors.Plugins.CloudTrail.Sources;

namespace Falco.Actors.Plugins.CloudTrail.Reading;

/// <summary>
/// The records of a log file source, one call at a time on the calling thread: takes files in order, gunzips them by
/// name, splits them into records while reading and keeps the records that are events (see
/// <see cref="RecordAcceptance"/>). Broken files and records are reported and skipped; the stream goes on.
/// </summary>
internal sealed class LogRecordReader : IDisposable
{
    private readonly ILogFileSource _source;
    private readonly Action<RecordProblem> _report;
    private readonly Action<RecordProblem> _reportUnlessSkipping;
    private readonly IRecordBuffers? _buffers;
    private readonly int _maxRecordSize;
    private LogFile? _file;
    // Accepted records of the first file to skip (a resume), and how many of them are still to skip.
    private ulong _skipFrom;
    private ulong _skip;
    private Stream? _content;
    private RecordSplitter? _splitter;
    private RecordSplitter? _idleSplitter;

    /// <param name="buffers">Null: a record is valid until the next call; else see <see cref="RecordSplitter"/>.</param>
    /// <param name="maxRecordSize">The longest record kept (see <see cref="RecordSplitter"/>).</param>
    public LogRecordReader(ILogFileSource source, Action<RecordProblem> report, IRecordBuffers? buffers = null,
        int maxRecordSize = RecordSplitter.DefaultMaxRecordSize)
    {
        _maxRecordSize = maxRecordSize;
        _source = source;
        _report = report;
        _reportUnlessSkipping = ReportUnlessSkipping;
        _buffers = buffers;
    }

    /// <summary>The name of the file the last record came from ("" before the first file).</summary>
    public string CurrentFile { get; private set; } = "";

    /// <summary>
    /// Before the first <see cref="Next"/> (on a source already at the file to resume in): drops the first
    /// <paramref name="records"/> accepted records of the first file, and the problems met before the last of them
    /// (an earlier session reported those). A file with fewer records than that is reported and left.
    /// </summary>
    public void SkipInFirstFile(ulong records)
    {
        if (CurrentFile.Length > 0)
        {
            throw new InvalidOperationException("records can only be skipped before the first file is opened");
        }
        _skipFrom = _skip = records;
    }

    /// <summary>The next event.</summary>
    public ReadStatus Next(out CloudTrailRecord record, CancellationToken cancel)
    {
        while (true)
        {
            if (_splitter is null)
            {
                var status = _source.Next(out var file, cancel);
                if (status == FetchStatus.Skipped)
                {
                    // A listed entry that is no readable log file: reported at its place, and on with the next.
                    var skip = _source.LastSkip!;
                    _report(new RecordProblem(skip.Name, RecordProblem.NoPosition, skip.Message, skip.Kind));
                    continue;
                }
                if (status != FetchStatus.File)
                {
                    record = default;
                    return status == FetchStatus.End ? ReadStatus.End : ReadStatus.NoEventNow;
                }
                OpenFile(file!);
            }
            if (TryNextRecord(out record))
            {
                return ReadStatus.Record;
            }
            if (_skip > 0)
            {
                EndSkipEarly();
            }
            CloseFile();
        }
    }

    private bool TryNextRecord(out CloudTrailRecord record)
    {
        try
        {
            while (_splitter!.TryNext(out var bytes, out var position))
            {
                var why = RecordAcceptance.Check(bytes.Span, out var ts, out var malformed);
                if (why is null)
                {
                    if (_skip > 0)
                    {
                        _skip--;
                        continue;
                    }
                    record = new CloudTrailRecord(bytes, ts);
                    return true;
                }
                if (malformed)
                {
                    _reportUnlessSkipping(new RecordProblem(_file!.Name, position, why,
                        ReferenceEquals(why, RecordAcceptance.TooDeepMessage) ? ProblemKind.RecordTooDeep : ProblemKind.RecordMalformed));
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // A corrupt gzip stream: the Go plugin abandons the file too.
            _reportUnlessSkipping(new RecordProblem(_file!.Name, _content?.CanSeek == true ? _content.Position : 0,
                $"cannot read the file: {e.Message}"));
        }
        record = default;
        return false;
    }

    private void ReportUnlessSkipping(RecordProblem problem)
    {
        if (_skip == 0)
        {
            _report(problem);
        }
    }

    private void EndSkipEarly()
    {
        // The file changed since the position was taken: what follows it is the best continuation left.
        _report(new RecordProblem(_file!.Name, RecordProblem.NoPosition,
            $"resumed after record {_skipFrom} of this file, but it has only {_skipFrom - _skip} now: going on with the next file",
            ProblemKind.Notice));
        _skip = 0;
    }

    private void OpenFile(LogFile file)
    {
        _file = file;
        CurrentFile = file.Name;
        _content = file.IsCompressed ? new GZipStream(file.Content, CompressionMode.Decompress) : file.Content;
        // One splitter (and so one read buffer) serves every file of the stream.
        if (_idleSplitter is null)
        {
            _splitter = new RecordSplitter(_content, file.Name, _reportUnlessSkipping, _buffers, _maxRecordSize);
        }
        else
        {
            _splitter = _idleSplitter;
            _splitter.Reset(_content, file.Name);
        }
    }

    private void CloseFile()
    {
        _content?.Dispose();
        _file?.Dispose();
        _content = null;
        _file = null;
        // The file's last records are handed over now, not when the next file (maybe a slow download) opens.
        _splitter?.RetireBuffer();
        _idleSplitter = _splitter ?? _idleSplitter;
        _splitter = null;
    }

    public void Dispose()
    {
        _content?.Dispose();
        _file?.Dispose();
        _content = null;
        _file = null;
        _splitter = null;
        _source.Dispose();
    }
}
