using System.IO.Compression;
using System.Text;
using Falco.Actors.Plugins.Capture;
using Falco.Actors.Plugins.Events;

namespace Falco.Actors.Plugins.Tests.Capture;

public class ScapCaptureTests
{
    private static readonly Dictionary<uint, string> Sources = new() { [999] = "test", [7] = "seven", [2] = "aws_cloudtrail" };

    private static byte[] Write(EventBatch batch, ScapWriterOptions? options = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new ScapWriter(stream, options ?? new ScapWriterOptions { MachineInfo = null }, leaveOpen: true))
        {
            writer.Write(batch);
        }
        return stream.ToArray();
    }

    private static List<(string Source, ulong Num, ulong Ts, uint Id, byte[] Payload)> ReadAll(byte[] file, ScapReader? reader = null)
    {
        reader ??= new ScapReader(new MemoryStream(file), Sources, "fixture.scap");
        var events = new List<(string, ulong, ulong, uint, byte[])>();
        var batch = new EventBatch();
        using (reader)
        {
            while (true)
            {
                batch.Clear();
                if (!reader.ReadBatch(batch, out var source, maxEvents: 3))
                {
                    break;
                }
                for (var i = 0; i < batch.Count; i++)
                {
                    var e = batch[i];
                    events.Add((source, e.Num, e.TimestampNs, e.PluginId, e.Payload.ToArray()));
                }
            }
        }
        return events;
    }

    private static EventBatch SampleBatch()
    {
        var batch = new EventBatch();
        batch.Add(1, 100, 999, ""u8);
        batch.Add(2, 200, 999, "a"u8);
        batch.Add(3, 300, 999, "hello"u8);
        batch.Add(4, 400, 2, Encoding.UTF8.GetBytes("""{"eventName":"ConsoleLogin"}"""));
        var big = new byte[70_000]; // beyond the 64 KiB limit of non-large blocks
        new Random(7).NextBytes(big);
        batch.Add(5, 500, 2, big);
        batch.Add(6, 600, 999, "abcd"u8);
        return batch;
    }

    [Fact]
    public void The_writer_produces_the_bytes_of_the_documented_layout()
    {
        var batch = new EventBatch();
        batch.Add(1, ScapFixtures.HelloTimestamp, 999, "hello"u8);
        Assert.Equal(ScapFixtures.Concat(ScapFixtures.SectionHeader, ScapFixtures.HelloEvent), Write(batch));
    }

    [Fact]
    public void The_machine_info_block_is_192_bytes_and_read_back()
    {
        var machine = new ScapMachineInfo(8, 16UL << 30, 4194304, "falco-host", 1_700_000_000_000_000_000, 0);
        var file = Write(SampleBatch(), new ScapWriterOptions { MachineInfo = machine });
        Assert.Equal(0x201u, BitConverter.ToUInt32(file, 28));
        Assert.Equal(192u, BitConverter.ToUInt32(file, 32));
        Assert.Equal(192u, BitConverter.ToUInt32(file, 28 + 188));
        using var reader = new ScapReader(new MemoryStream(file), Sources);
        Assert.Equal(machine, reader.MachineInfo);
        Assert.Equal((ushort)1, reader.MajorVersion);
        Assert.Equal((ushort)2, reader.MinorVersion);
    }

    [Fact]
    public void Round_trip_gives_the_same_events_and_rewriting_them_the_same_bytes()
    {
        var original = SampleBatch();
        var file = Write(original, new ScapWriterOptions { MachineInfo = new ScapMachineInfo(2, 0, 0, "h") });
        var events = ReadAll(file);

        Assert.Equal(original.Count, events.Count);
        for (var i = 0; i < original.Count; i++)
        {
            Assert.Equal((ulong)(i + 1), events[i].Num);
            Assert.Equal(original[i].TimestampNs, events[i].Ts);
            Assert.Equal(original[i].PluginId, events[i].Id);
            Assert.Equal(original[i].Payload.ToArray(), events[i].Payload);
            Assert.Equal(Sources[original[i].PluginId], events[i].Source);
        }

        var again = new EventBatch();
        foreach (var e in events)
        {
            again.Add(e.Num, e.Ts, e.Id, e.Payload);
        }
        Assert.Equal(file, Write(again, new ScapWriterOptions { MachineInfo = new ScapMachineInfo(2, 0, 0, "h") }));
    }

    [Fact]
    public void A_batch_holds_events_of_one_source_and_at_most_the_maximum()
    {
        var events = ReadAll(Write(SampleBatch()));
        // Sources in file order: test ×3, aws ×2, test ×1; at most 3 per batch.
        Assert.Equal(["test", "test", "test", "aws_cloudtrail", "aws_cloudtrail", "test"], events.Select(e => e.Source));
    }

    [Fact]
    public void Gzip_files_are_detected_by_their_magic()
    {
        var plain = Write(SampleBatch());
        var gz = Write(SampleBatch(), new ScapWriterOptions { Gzip = true, MachineInfo = null });
        Assert.Equal([0x1F, 0x8B], gz[..2]);
        Assert.Equal(ReadAll(plain).Select(e => e.Payload), ReadAll(gz).Select(e => e.Payload));

        using var decompressed = new MemoryStream();
        using (var unzip = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress))
        {
            unzip.CopyTo(decompressed);
        }
        Assert.Equal(plain, decompressed.ToArray());
    }

    [Fact]
    public void Files_are_written_and_read_by_path()
    {
        using var dir = new TempFolder();
        var path = dir.PathOf("run.scap.gz");
        using (var writer = ScapWriter.Create(path, new ScapWriterOptions { Gzip = true }))
        {
            writer.Write(SampleBatch());
            Assert.Equal(6, writer.EventsWritten);
        }
        var events = ReadAll([], ScapReader.Open(path, Sources));
        Assert.Equal(6, events.Count);
    }

    [Fact]
    public void A_hand_built_file_with_metadata_flags_other_events_and_unknown_ids_is_read_as_libscap_would()
    {
        var unknown = (byte[])ScapFixtures.HelloEvent.Clone();
        unknown[44] = 0x39; // plugin id 0x03E7 (999) → 0x0339 (825), which no loaded plugin has
        var file = ScapFixtures.Concat(
            ScapFixtures.SectionHeader, ScapFixtures.UnknownBlock, ScapFixtures.HelloEvent, ScapFixtures.SyscallEvent,
            ScapFixtures.FlaggedEvent, unknown, unknown, ScapFixtures.HelloEvent);

        var reader = new ScapReader(new MemoryStream(file), Sources, "fixture.scap");
        var reported = new List<uint>();
        reader.UnknownPluginId += reported.Add;
        var events = ReadAll(file, reader);

        Assert.Equal(
            [("test", 1UL, ScapFixtures.HelloTimestamp, 999u, "hello"), ("seven", 2UL, 9UL, 7u, "hi"), ("test", 3UL, ScapFixtures.HelloTimestamp, 999u, "hello")],
            events.Select(e => (e.Source, e.Num, e.Ts, e.Id, Encoding.UTF8.GetString(e.Payload))));
        Assert.Equal(3, reader.EventsRead);
        Assert.Equal(1, reader.OtherEventsSkipped);
        Assert.Equal(new Dictionary<uint, long> { [825] = 2 }, reader.UnknownPluginIds);
        Assert.Equal([825u], reported);
    }

    [Fact]
    public void Malformed_files_are_refused_naming_the_file_and_offset()
    {
        static string Fail(byte[] file) =>
            Assert.Throws<ScapFormatException>(() => ReadAll(file)).Message;

        Assert.Equal("capture 'fixture.scap': block at byte 28: no events in file", Fail(ScapFixtures.SectionHeader));

        var magic = (byte[])ScapFixtures.SectionHeader.Clone();
        magic[8] = 0x4E;
        Assert.StartsWith("capture 'fixture.scap': block at byte 0: invalid magic number 0x1A2B3C4E", Fail(magic));

        var notScap = Encoding.ASCII.GetBytes("{\"not\":\"a capture\"}......");
        Assert.StartsWith("capture 'fixture.scap': block at byte 0: invalid block type", Fail(notScap));

        var trailer = ScapFixtures.Concat(ScapFixtures.SectionHeader, ScapFixtures.HelloEvent);
        trailer[^4] = 0x38;
        Assert.Equal("capture 'fixture.scap': block at byte 28: wrong block total length, header=60, trailer=56", Fail(trailer));

        var truncated = ScapFixtures.Concat(ScapFixtures.SectionHeader, ScapFixtures.HelloEvent, ScapFixtures.HelloEvent[..30]);
        Assert.Equal("capture 'fixture.scap': block at byte 88: truncated block: 30 of 60 bytes", Fail(truncated));

        var badParams = ScapFixtures.Concat(ScapFixtures.SectionHeader, ScapFixtures.HelloEvent);
        badParams[28 + 10 + 30] = 0x50; // event_data length (event offset 30) 0x50 > what the event holds
        Assert.StartsWith("capture 'fixture.scap': block at byte 28: malformed plugin event: parameter lengths 4 and 80", Fail(badParams));
    }
}
