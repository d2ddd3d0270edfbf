using System.Text.Json;

namespace Falco.Actors.Json.Tests;

/// <summary>Real CloudTrail records: the Stratus Red Team files the cloudtrail plugin tests keep (linked into Data/).</summary>
internal static class StratusRecords
{
    /// <summary>The records of one file (a JSON array), each as its original text.</summary>
    public static List<string> Of(string name)
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "stratus", name)));
        return [.. file.RootElement.EnumerateArray().Select(record => record.GetRawText())];
    }
}
