using System.IO.Compression;
using System.Text;

namespace Falco.Actors.Plugins.CloudTrail.Tests;

/// <summary>
/// The memory a record above maxRecordSize costs. It counts every allocation of the process, so it runs alone
/// (<see cref="AllocationMeasurements"/>): another test running beside it would be counted too.
/// </summary>
[Collection(AllocationMeasurements.Name)]
public sealed class RecordMemoryBoundTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ct-memory-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_200_MB_record_is_skipped_with_memory_bounded_by_the_limit()
    {
        var path = Path.Combine(_dir, "huge.json.gz");
        const long hugeSize = 200L * 1024 * 1024;
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gz.Write(Encoding.UTF8.GetBytes("{\"Records\":[" + RecordLimitsTests.Rec("before") + ",{\"eventID\":\"huge\",\"blob\":\""));
            var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("abc\\\"{}[]", 1024 * 1024 / 9)));
            for (long written = 0; written < hugeSize; written += chunk.Length)
            {
                gz.Write(chunk);
            }
            gz.Write(Encoding.UTF8.GetBytes("\"}," + RecordLimitsTests.Rec("after") + "]}"));
        }
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var (ids, problems, _) = RecordLimitsTests.ReadAll(path, """{"maxRecordSize": 1048576}""");

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.Equal(["before", "after"], ids);
        Assert.Contains("maxRecordSize", Assert.Single(problems).Message);
        Assert.True(allocated < 40L * 1024 * 1024, $"allocated {allocated / (1024 * 1024)} MB reading past a 200 MB record");
    }
}

/// <summary>Tests that measure the whole process's allocations: xunit runs this collection with no other test beside it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurements
{
    public const string Name = "allocation measurements";
}
