using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.CloudTrail.Reading;
using Falco.Actors.Plugins.Managed;

namespace Falco.Actors.Plugins.CloudTrail;

/// <summary>
/// An open cloudtrail stream: up to <see cref="MaxEventsPerBatch"/> records per batch; "no event now" (SQS with
/// nothing new) is a timeout, the end of the files EOF. A stream of files (local, S3) names its place after an event
/// as the event's file and the events of that file up to it (<see cref="ResumePosition"/>), and a later stream
/// continues there; SQS cannot.
/// </summary>
public sealed class CloudTrailEventStream(CloudTrailEventReader reader) : IManagedResumableStream
{
    public const int MaxEventsPerBatch = 512;
    private const int MaxBytesPerBatch = 8 * 1024 * 1024;
    // File starts kept when PositionAfter is not asked (a reader without the engine): the oldest half is then
    // forgotten, and the places of their events are unknown (null). Two batches' worth even of one-event files.
    private const int MaxFileStarts = 2 * MaxEventsPerBatch;

    private readonly bool _resumable = reader.CanResume;
    // The number of the last event added (the host's numbering: 1.., or on from a resumed event).
    private ulong _count;
    // The file of the last event added (compared by reference: one string instance per file).
    private string? _file;
    // The files events started in, as (number of the file's first event, name), from the file of the last event
    // asked about by PositionAfter on (at most MaxFileStarts). A resumed file is entered when the stream resumes,
    // with the number its first event had in the earlier stream.
    private readonly List<(ulong First, string File)> _fileStarts = [];

    public BatchStatus NextBatch(ManagedEventWriter events)
    {
        var bytes = 0;
        while (events.Count < MaxEventsPerBatch && bytes < MaxBytesPerBatch)
        {
            switch (reader.Next(out var record))
            {
                case ReadStatus.Record:
                    events.Add(record.TimestampNs, record.Payload.Span);
                    bytes += record.Payload.Length;
                    _count++;
                    if (_resumable && !ReferenceEquals(reader.CurrentFile, _file))
                    {
                        FileStarted(reader.CurrentFile);
                    }
                    break;
                case ReadStatus.NoEventNow:
                    return BatchStatus.Timeout;
                default:
                    return BatchStatus.Eof;
            }
        }
        return BatchStatus.Success;
    }

    private void FileStarted(string file)
    {
        _file = file;
        if (_fileStarts.Count > 0 && string.Equals(_fileStarts[^1].File, file, StringComparison.Ordinal))
        {
            return; // the file the stream resumed in, entered by ResumeAfter
        }
        if (_fileStarts.Count == MaxFileStarts)
        {
            _fileStarts.RemoveRange(0, MaxFileStarts / 2);
        }
        _fileStarts.Add((_count, file));
    }

    public string? PositionAfter(ulong eventNumber)
    {
        if (eventNumber == 0 || eventNumber > _count)
        {
            return null;
        }
        var at = _fileStarts.Count - 1;
        while (at >= 0 && _fileStarts[at].First > eventNumber)
        {
            at--;
        }
        if (at < 0)
        {
            return null;
        }
        // Numbers never decrease: the files before this one will not be asked about again.
        _fileStarts.RemoveRange(0, at);
        var (first, file) = _fileStarts[0];
        return ResumePosition.Format(file, eventNumber - first + 1);
    }

    public bool ResumeAfter(ulong eventNumber, string position)
    {
        if (!ResumePosition.TryParse(position, out var file, out var recordsBefore, out var error))
        {
            reader.Notice("", $"cannot resume from position '{Shorten(position)}': {error}; reading from the start");
            return false;
        }
        if (recordsBefore > eventNumber)
        {
            reader.Notice(file, $"cannot resume after event {eventNumber} at record {recordsBefore} of this file: " +
                "the position is not one of this stream; reading from the start");
            return false;
        }
        if (!reader.ResumeAt(file, recordsBefore))
        {
            return false;
        }
        _count = eventNumber;
        _fileStarts.Add((eventNumber - recordsBefore + 1, file));
        return true;
    }

    // One line, of bounded length, whatever the text is.
    private static string Shorten(string text) =>
        (text.Length <= 200 ? text : text[..200] + "…").ReplaceLineEndings(" ");

    public PluginProgress? Progress => new PluginProgress(reader.ProgressPercent, reader.ProgressText);

    public void Dispose() => reader.Dispose();
}
