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
/// A source that ends (local files, S3) is read ahead on a worker thread (<see cref="ReadAheadReader"/>); a live one
/// (SQS) on the caller's thread. Either way records and problems come in file order, on the caller's thread.
/// </summary>
public sealed class CloudTrailEventReader : IDisposable
{
    private readonly ILogFileSource _source;
    private readonly Action<RecordProblem> _report;
    private readonly LogRecordReader? _direct;
    private readonly ReadAheadReader? _ahead;

    /// <param name="report">Receives every skipped malformed file or record; null = write it to stderr.</param>
    /// <param name="maxRecordSize">The longest record read (init config <c>maxRecordSize</c>); longer ones are reported and skipped.</param>
    /// <param name="counts">Where skipped records and files are counted (the plugin state's, shared by its streams); null = a new one.</param>
    public CloudTrailEventReader(ILogFileSource source, Action<RecordProblem>? report = null,
        int maxRecordSize = RecordSplitter.DefaultMaxRecordSize, SkipCounts? counts = null)
    {
        _skipped = counts ?? new SkipCounts();
        _source = source;
        _report = report ?? (p => Console.Error.WriteLine(
            $"{CloudTrailPluginIdentity.Name} plugin warning (source {CloudTrailPluginIdentity.EventSource}): {(p.Kind == ProblemKind.Notice ? "" : "skipped ")}{p}"));
        if (source.IsLive)
        {
            _direct = new LogRecordReader(source, Report, maxRecordSize: maxRecordSize);
        }
        else
        {
            _ahead = new ReadAheadReader(source, Report, maxRecordSize);
        }
    }

    private readonly SkipCounts _skipped;

    /// <summary>Records skipped so far (malformed, too big or too deep).</summary>
    public long MalformedCount { get; private set; }

    /// <summary>Records or files skipped of one kind (notices included: they lose nothing), in the counts given.</summary>
    public long Skipped(ProblemKind kind) => _skipped[kind];

    /// <summary>Progress as the Go plugin reports it: files started over files known (as far as records were handed out).</summary>
    public double ProgressPercent => _source.TotalFiles == 0 ? 0 : 100.0 * FilesStarted / _source.TotalFiles;

    /// <summary><c>&lt;pct&gt;% - &lt;n&gt;/&lt;total&gt; files</c>.</summary>
    public string ProgressText =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{ProgressPercent:F2}% - {FilesStarted}/{_source.TotalFiles} files");

    private int FilesStarted => _ahead?.FilesStarted ?? _source.FilesStarted;

    /// <summary>
    /// The name (path or S3 key) of the file the last record came from: the same string instance for every record
    /// of one file, so a caller can see a new file by reference; "" on a live source, which cannot resume.
    /// </summary>
    public string CurrentFile => _ahead?.CurrentFile ?? "";

    /// <summary>Whether <see cref="ResumeAt"/> can work: the source's files can be read again (not SQS), so they are read ahead.</summary>
    public bool CanResume => _ahead is not null;

    /// <summary>
    /// Before the first <see cref="Next"/>: continues at the file named <paramref name="file"/>, after its first
    /// <paramref name="recordsBefore"/> events, without opening or fetching a file listed before it; the problems met
    /// in the skipped part of that file are not reported again. False (reported in one line, nothing read) when the
    /// source cannot skip or the file is not listed.
    /// </summary>
    public bool ResumeAt(string file, ulong recordsBefore)
    {
        if (!CanResume || !_source.SkipTo(file))
        {
            Notice(file, CanResume
                ? "cannot resume in this file: it is not among the files listed now; reading from the start"
                : "cannot resume in this file: the source is a queue; reading on from the queue");
            return false;
        }
        _ahead!.SkipInFirstFile(recordsBefore);
        return true;
    }

    /// <summary>Reports a notice (not a malformed record) where problems go: the problem sink or stderr.</summary>
    public void Notice(string file, string message) => _report(new RecordProblem(file, RecordProblem.NoPosition, message, ProblemKind.Notice));

    /// <summary>The next event; its payload is valid until the next call.</summary>
    public ReadStatus Next(out CloudTrailRecord record, CancellationToken cancel = default) =>
        _ahead is not null ? _ahead.Next(out record, cancel) : _direct!.Next(out record, cancel);

    private void Report(RecordProblem problem)
    {
        if (ProblemKinds.IsRecord(problem.Kind))
        {
            MalformedCount++;
        }
        _skipped.Add(problem.Kind);
        _report(problem);
    }

    public void Dispose()
    {
        _ahead?.Dispose();
        _direct?.Dispose();
    }
}
