using System.IO.Compression;
using Falco.Actors.Plugins.CloudTrail.Sources;

namespace Falco.Actors.Plugins.CloudTrail.Reading;

/// <summary>What one <see cref="CloudTrailEventReader.Next"/> call gave.</summary>
public enum ReadStatus
{
    Record,
    /// <summary>No event now (SQS without new files): call again later.</summary>
    NoEventNow,
    End,
}

/// <summary>
/// The event stream of an open cloudtrail session: takes log files from a source in order, gunzips them by name,
/// splits them into records while reading and keeps the records that are events (see
/// <see cref="RecordAcceptance"/>). Broken files and records are reported and skipped; the stream goes on.
/// </summary>
public sealed class CloudTrailEventReader : IDisposable
{
    private readonly ILogFileSource _source;
    private readonly Action<RecordProblem> _report;
    private LogFile? _file;
    private Stream? _content;
    private RecordSplitter? _splitter;

    /// <param name="report">Receives every skipped malformed file or record; null = write it to stderr.</param>
    public CloudTrailEventReader(ILogFileSource source, Action<RecordProblem>? report = null)
    {
        _source = source;
        _report = report ?? (p => Console.Error.WriteLine($"cloudtrail plugin warning: {p}"));
    }

    public ILogFileSource Source => _source;

    /// <summary>Records skipped as malformed so far.</summary>
    public long MalformedCount { get; private set; }

    /// <summary>Progress as the Go plugin reports it: files started over files known.</summary>
    public double ProgressPercent => _source.TotalFiles == 0 ? 0 : 100.0 * _source.FilesStarted / _source.TotalFiles;

    /// <summary><c>&lt;pct&gt;% - &lt;n&gt;/&lt;total&gt; files</c>.</summary>
    public string ProgressText =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{ProgressPercent:F2}% - {_source.FilesStarted}/{_source.TotalFiles} files");

    /// <summary>The next event; its payload is valid until the next call.</summary>
    public ReadStatus Next(out CloudTrailRecord record, CancellationToken cancel = default)
    {
        while (true)
        {
            if (_splitter is null)
            {
                var status = _source.Next(out var file, cancel);
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
                    record = new CloudTrailRecord(bytes, ts);
                    return true;
                }
                if (malformed)
                {
                    Report(new RecordProblem(_file!.Name, position, why));
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // A corrupt gzip stream: the Go plugin abandons the file too.
            Report(new RecordProblem(_file!.Name, _content?.CanSeek == true ? _content.Position : 0,
                $"cannot read the file: {e.Message}"));
        }
        record = default;
        return false;
    }

    private void OpenFile(LogFile file)
    {
        _file = file;
        _content = file.IsCompressed ? new GZipStream(file.Content, CompressionMode.Decompress) : file.Content;
        _splitter = new RecordSplitter(_content, file.Name, Report);
    }

    private void Report(RecordProblem problem)
    {
        MalformedCount++;
        _report(problem);
    }

    private void CloseFile()
    {
        _content?.Dispose();
        _file?.Dispose();
        _content = null;
        _file = null;
        _splitter = null;
    }

    public void Dispose()
    {
        CloseFile();
        _source.Dispose();
    }
}
