using System.Diagnostics;
using Falco.Actors.CorpusGen;
using Falco.Actors.CorpusGen.Generation;
using Falco.Actors.CorpusGen.Verification;

CorpusOptions options;
try
{
    options = CorpusOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    if (e.Message != "help") Console.Error.WriteLine($"falco-corpusgen: {e.Message}");
    Console.Error.WriteLine(CorpusOptions.Usage);
    return 2;
}

var clock = Stopwatch.StartNew();
if (options.OutputDirectory is not null)
{
    Manifest manifest;
    try
    {
        manifest = CorpusGenerator.Run(options, Console.Out);
    }
    catch (IOException e)
    {
        Console.Error.WriteLine($"falco-corpusgen: {e.Message}");
        return 1;
    }
    double seconds = clock.Elapsed.TotalSeconds;
    long records = long.Parse(manifest.Settings["records"]);
    Console.WriteLine($"generated in {seconds:F2} s ({records / seconds:F0} records/s), mean record {manifest.Settings["mean_record_bytes"]} bytes, stored {manifest.Settings["stored_bytes"]} bytes");
    clock.Restart();
}
if (options.VerifyDirectory is not null)
{
    VerifyReport report = CorpusVerifier.Verify(options.VerifyDirectory, options.Parallelism);
    report.Print(Console.Out);
    Console.WriteLine($"verified in {clock.Elapsed.TotalSeconds:F2} s");
    return report.Ok ? 0 : 1;
}
return 0;
