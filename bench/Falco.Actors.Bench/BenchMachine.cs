namespace Falco.Actors.Bench;

/// <summary>Where the benchmarks run: the repository they were built from, and how busy the machine is.</summary>
internal static class BenchMachine
{
    /// <summary>The 1-, 5- and 15-minute load averages (Linux), or "n/a".</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>The folder holding Falco.Actors.sln, above the running benchmark.</summary>
    public static string RepositoryRoot()
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
