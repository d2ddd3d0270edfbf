namespace Falco.Actors.Engine.Tests.Actors;

/// <summary>Where the repository's real plugins and samples are.</summary>
internal static class TestPlugins
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>A C test plugin compiled by tests/native-plugins/Makefile (built before this project).</summary>
    public static string Native(string library) => Path.Combine(RepositoryRoot, "tests", "native-plugins", "build", library);

    /// <summary>A managed plugin assembly copied next to the tests.</summary>
    public static string Managed(string assembly) => Path.Combine(AppContext.BaseDirectory, assembly);

    public static string Sample(params string[] parts) => Path.Combine([RepositoryRoot, "samples", .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Falco.Actors.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("the repository root (Falco.Actors.sln) was not found above " + AppContext.BaseDirectory);
    }
}
