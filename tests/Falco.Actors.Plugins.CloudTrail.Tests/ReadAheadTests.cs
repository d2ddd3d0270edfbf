using System.Text;
using Falco.Actors.Plugins.CloudTrail.Reading;
using Falco.Actors.Plugins.CloudTrail.Sources;

namespace Falco.Actors.Plugins.CloudTrail.Tests;

/// <summary>
/// A source that ends (local files, S3) is read ahead on a worker thread: what the caller sees must not change
/// (order, problems at their place, progress), memory stays bounded, and Dispose stops the worker.
/// </summary>
public sealed class ReadAheadTests
{
    private static string Rec(string id, int padding = 0) =>
        $"{{\"eventID\":\"{id}\",\"eventTime\":\"2024-08-02T08:53:24Z\",\"eventType\":\"AwsApiCall\",\"pad\":\"{new string('x', padding)}\"}}";

    private static byte[] Log(bool gzip, IEnumerable<string> records)
    {
        var text = $"{{\"Records\":[{string.Join(",", records)}]}}";
        return gzip ? TestSupport.Gzip(text) : Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Reads everything: event ids and problems ("!file: message") in the order the caller got them.</summary>
    private static (List<string> Seen, CloudTrailEventReader Reader) ReadAll(ILogFileSource source)
    {
        List<string> seen = [];
        var reader = new CloudTrailEventReader(source, p => seen.Add($"!{p.File}: {p.Message}"));
        while (reader.Next(out var r) == ReadStatus.Record)
        {
            seen.Add(TestSupport.Ct1("ct.id", Encoding.UTF8.GetString(r.Payload.Span))!);
        }
        return (seen, reader);
    }

    [Fact]
    public void Records_of_many_files_come_in_file_order_whatever_their_sizes()
    {
        List<(string, byte[])> files = [];
        List<string> expected = [];
        var random = new Random(5);
        for (var f = 0; f < 60; f++)
        {
            // Small files, files of many buffers, and records larger than a read buffer.
            var count = random.Next(0, 400);
            var records = Enumerable.Range(0, count).Select(r => $"f{f}r{r}").ToList();
            var padding = f % 7 == 3 ? 300_000 : random.Next(0, 3000);
            files.Add(($"{f:D3}.json{(f % 2 == 0 ? ".gz" : "")}", Log(f % 2 == 0, records.Select(id => Rec(id, padding)))));
            expected.AddRange(records);
        }

        var (seen, reader) = ReadAll(new MemoryLogSource([.. files]));

        Assert.Equal(expected, seen);
        Assert.Equal("100.00% - 60/60 files", reader.ProgressText);
        Assert.Equal(ReadStatus.End, reader.Next(out _));
        reader.Dispose();
    }

    [Fact]
    public void A_bad_file_in_the_middle_is_reported_with_its_name_at_its_place_and_reading_goes_on()
    {
        var corrupt = Log(true, [Rec("lost")]);
        corrupt[12] ^= 0xFF;
        corrupt[20] ^= 0xFF;
        var source = new MemoryLogSource(
            ("1.json", Log(false, Enumerable.Range(0, 300).Select(i => Rec($"a{i}", 1000)))),
            ("2.json.gz", corrupt),
            ("3.json", Log(false, [Rec("b0"), "{\"eventTime\":\"yesterday\",\"eventType\":\"AwsApiCall\"}", Rec("b1")])),
            ("4.json.gz", Log(true, [Rec("c0")])));

        var (seen, reader) = ReadAll(source);

        var problems = seen.Where(s => s.StartsWith('!')).ToList();
        Assert.Equal(2, problems.Count);
        Assert.StartsWith("!2.json.gz: cannot read the file", problems[0]);
        Assert.StartsWith("!3.json: eventTime is not an RFC 3339 time", problems[1]);
        Assert.Equal([.. Enumerable.Range(0, 300).Select(i => $"a{i}"), problems[0], "b0", problems[1], "b1", "c0"], seen);
        Assert.Equal(2, reader.MalformedCount);
        reader.Dispose();
    }

    [Fact]
    public void Dispose_mid_stream_stops_the_worker_and_disposes_the_source()
    {
        using var source = new EndlessSource(fileBytes: 200_000);
        var reader = new CloudTrailEventReader(source, _ => { });
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(ReadStatus.Record, reader.Next(out _));
        }

        reader.Dispose();

        Assert.True(source.Disposed);
        var handedOut = source.FilesStarted;
        Thread.Sleep(200);
        Assert.Equal(handedOut, source.FilesStarted); // nobody reads on after Dispose
        Assert.False(source.CalledAfterDispose);
    }

    [Fact]
    public void The_worker_reads_only_a_few_megabytes_ahead_of_the_caller()
    {
        const int FileBytes = 500_000;
        using var source = new EndlessSource(FileBytes);
        using var reader = new CloudTrailEventReader(source, _ => { });
        Assert.Equal(ReadStatus.Record, reader.Next(out _));

        // Give the worker time to fill every slot it has.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        var last = -1;
        while (DateTime.UtcNow < deadline && source.FilesStarted != last)
        {
            last = source.FilesStarted;
            Thread.Sleep(300);
        }

        // The waiting chunks, the buffer being filled and the one being read, each of at most a read buffer.
        var bound = (ReadAheadReaderBound.Chunks + 3) * (long)RecordSplitter.BufferSize;
        Assert.InRange(source.FilesStarted * (long)FileBytes, 1, bound + FileBytes);
        Assert.True(source.FilesStarted < 1000);
    }

    [Fact]
    public void A_source_failure_reaches_the_caller_and_the_next_call_reads_on()
    {
        var source = new FailingSecondFileSource(Log(false, [Rec("x0")]), Log(false, [Rec("z0")]));
        using var reader = new CloudTrailEventReader(source, _ => { });

        Assert.Equal(ReadStatus.Record, reader.Next(out var first));
        Assert.Equal("x0", TestSupport.Ct1("ct.id", Encoding.UTF8.GetString(first.Payload.Span)));
        var e = Assert.Throws<CloudTrailException>(() => reader.Next(out _));
        Assert.Equal("download failed", e.Message);
        Assert.Equal(ReadStatus.Record, reader.Next(out var third));
        Assert.Equal("z0", TestSupport.Ct1("ct.id", Encoding.UTF8.GetString(third.Payload.Span)));
        Assert.Equal(ReadStatus.End, reader.Next(out _));
    }

    /// <summary>The documented bound (ReadAheadReader.ChunksAhead, internal to the plugin).</summary>
    private static class ReadAheadReaderBound
    {
        public const int Chunks = 24;
    }

    /// <summary>Files of about <c>fileBytes</c> each, without end; counts what it hands out.</summary>
    private sealed class EndlessSource(int fileBytes) : ILogFileSource
    {
        private readonly byte[] _file = Log(false, Enumerable.Range(0, fileBytes / 1100).Select(i => Rec($"e{i}", 1000)));
        private volatile int _started;

        public bool Disposed { get; private set; }

        public bool CalledAfterDispose { get; private set; }

        public int TotalFiles => int.MaxValue;

        public int FilesStarted => _started;

        public FetchStatus Next(out LogFile? file, CancellationToken cancel = default)
        {
            CalledAfterDispose |= Disposed;
            _started++;
            file = new LogFile($"{_started}.json", new MemoryStream(_file));
            return FetchStatus.File;
        }

        public void Dispose() => Disposed = true;
    }

    /// <summary>Fails once on the second file, as an S3 download error does, then goes on.</summary>
    private sealed class FailingSecondFileSource(byte[] first, byte[] third) : ILogFileSource
    {
        private int _calls;

        public int TotalFiles => 3;

        public int FilesStarted => _calls;

        public FetchStatus Next(out LogFile? file, CancellationToken cancel = default)
        {
            file = null;
            switch (++_calls)
            {
                case 1: file = new LogFile("1.json", new MemoryStream(first)); return FetchStatus.File;
                case 2: throw new CloudTrailException("download failed");
                case 3: file = new LogFile("3.json", new MemoryStream(third)); return FetchStatus.File;
                default: return FetchStatus.End;
            }
        }

        public void Dispose()
        {
        }
    }
}
