namespace Falco.Actors.CorpusGen.Generation;

/// <summary>Plans the corpus, writes its log files in parallel (streamed, one file in memory per worker), then digests and manifest.</summary>
public static class CorpusGenerator
{
    public static Manifest Run(CorpusOptions options, TextWriter log)
    {
        string output = options.OutputDirectory!;
        // Old files would mix with the new ones and contradict the new manifest.
        if (Directory.Exists(Path.Combine(output, "AWSLogs")))
            throw new IOException($"{Path.Combine(output, "AWSLogs")} already exists; generate into an empty directory");
        Directory.CreateDirectory(output);
        CorpusPlan plan = CorpusPlan.Create(options);
        var generator = new LogFileGenerator(options);
        var results = new FileResult[plan.Files.Count];
        Parallel.For(0, plan.Files.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism },
            i => results[i] = generator.Write(plan.Files[i], output));
        int digests = DigestWriter.WriteAll(results, options, output);
        Manifest manifest = Manifest.From(options, results, digests);
        File.WriteAllText(Path.Combine(output, Manifest.FileName), manifest.Render());
        log.WriteLine($"wrote {manifest.Settings["records"]} records in {results.Length} log files and {digests} digest files to {output}");
        return manifest;
    }
}
