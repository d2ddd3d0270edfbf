namespace Falco.Actors.Rules.CloudTrail.Tests.Harness;

/// <summary>Files of the checkout (the rules file, the bundled sample) and of the test output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string RulesFile => Path.Combine(Root, "rules", "aws_cloudtrail_rules.yaml");

    public static string SampleDirectory => Path.Combine(Root, "samples", "cloudtrail");

    public static string TestData(params string[] parts) => Path.Combine([AppContext.BaseDirectory, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Falco.Actors.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no Falco.Actors.sln above {AppContext.BaseDirectory}");
    }
}
