namespace Falco.Actors.CorpusGen.Generation;

using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Falco.Actors.CorpusGen.Layout;

/// <summary>
/// Hourly digest files per stream, shaped like CloudTrail's (the log files of the hour with their SHA-256,
/// chained to the previous digest). They have no eventTime, so a CloudTrail reader yields no events from them.
/// </summary>
public static class DigestWriter
{
    public static int WriteAll(IReadOnlyList<FileResult> results, CorpusOptions options, string outputDirectory)
    {
        int written = 0;
        foreach (var byStream in results.GroupBy(r => r.File.Stream.Index).OrderBy(g => g.Key))
        {
            LogStream stream = byStream.First().File.Stream;
            var rng = new Rng(options.Seed, 0xD16E57UL + (ulong)stream.Index);
            string fingerprint = Ids.HexString(rng, 32);
            string? previousKey = null, previousHash = null;
            DateTime? previousEnd = null;
            foreach (var hour in byStream.GroupBy(r => Hour(r.Delivered)).OrderBy(g => g.Key))
            {
                DateTime end = hour.Key.AddHours(1).AddSeconds(rng.Next(10, 90));
                DateTime start = previousEnd ?? end.AddHours(-1);
                string key = LogKeys.DigestFile(stream.Account.Id, stream.Region, stream.Account.TrailName, end, options.Gzip);
                byte[] json = Digest(stream, hour.OrderBy(r => r.Delivered).ToArray(), start, end, key, fingerprint, previousKey, previousHash, rng);
                byte[] bytes = options.Gzip ? Gzip(json) : json;
                string path = Path.Combine(outputDirectory, key);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, bytes);
                previousKey = key;
                previousHash = Convert.ToHexStringLower(SHA256.HashData(json));
                previousEnd = end;
                written++;
            }
        }
        return written;
    }

    private static DateTime Hour(DateTime t) => new(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc);

    private static byte[] Digest(LogStream stream, FileResult[] files, DateTime start, DateTime end, string key,
        string fingerprint, string? previousKey, string? previousHash, Rng rng)
    {
        string bucket = stream.Account.TrailBucket;
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("awsAccountId", stream.Account.Id);
            RecordWriter.WriteTime(w, "digestStartTime", start);
            RecordWriter.WriteTime(w, "digestEndTime", end);
            w.WriteString("digestS3Bucket", bucket);
            w.WriteString("digestS3Object", key);
            w.WriteString("digestPublicKeyFingerprint", fingerprint);
            w.WriteString("digestSignatureAlgorithm", "SHA256withRSA");
            RecordWriter.WriteTime(w, "newestEventTime", files.Max(f => f.Newest));
            RecordWriter.WriteTime(w, "oldestEventTime", files.Min(f => f.Oldest));
            if (previousKey is null)
            {
                w.WriteNull("previousDigestS3Bucket");
                w.WriteNull("previousDigestS3Object");
                w.WriteNull("previousDigestHashValue");
                w.WriteNull("previousDigestHashAlgorithm");
                w.WriteNull("previousDigestSignature");
            }
            else
            {
                w.WriteString("previousDigestS3Bucket", bucket);
                w.WriteString("previousDigestS3Object", previousKey);
                w.WriteString("previousDigestHashValue", previousHash);
                w.WriteString("previousDigestHashAlgorithm", "SHA-256");
                w.WriteString("previousDigestSignature", Ids.HexString(rng, 512));
            }
            w.WritePropertyName("logFiles");
            w.WriteStartArray();
            foreach (FileResult f in files)
            {
                w.WriteStartObject();
                w.WriteString("s3Bucket", bucket);
                w.WriteString("s3Object", f.Key);
                w.WriteString("hashValue", f.Sha256Hex);
                w.WriteString("hashAlgorithm", "SHA-256");
                RecordWriter.WriteTime(w, "newestEventTime", f.Newest);
                RecordWriter.WriteTime(w, "oldestEventTime", f.Oldest);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static byte[] Gzip(byte[] json)
    {
        var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(json);
        return output.ToArray();
    }
}
