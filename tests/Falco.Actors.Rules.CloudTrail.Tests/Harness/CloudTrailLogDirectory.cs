using System.IO.Compression;
using System.Text;

namespace Falco.Actors.Rules.CloudTrail.Tests.Harness;

/// <summary>
/// A temporary directory of CloudTrail log files (<c>{"Records":[...]}</c>, gzip'd as CloudTrail delivers them),
/// for the cloudtrail plugin to read as a local path. Deleted on dispose.
/// </summary>
public sealed class CloudTrailLogDirectory : IDisposable
{
    private int _files;

    public CloudTrailLogDirectory() => Path = Directory.CreateTempSubdirectory("ct-rules-").FullName;

    public string Path { get; }

    /// <summary>Writes one log file holding <paramref name="records"/> (JSON object texts) in order.</summary>
    public string Write(IEnumerable<string> records, bool gzip = true)
    {
        var text = "{\"Records\":[" + string.Join(",", records) + "]}";
        // Names sort in write order, so the plugin reads the files in that order.
        var file = System.IO.Path.Combine(Path, $"111122223333_CloudTrail_us-east-1_{_files++:D4}.json{(gzip ? ".gz" : "")}");
        var bytes = Encoding.UTF8.GetBytes(text);
        if (!gzip)
        {
            File.WriteAllBytes(file, bytes);
            return file;
        }
        using var output = File.Create(file);
        using var compressed = new GZipStream(output, CompressionLevel.Fastest);
        compressed.Write(bytes);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
