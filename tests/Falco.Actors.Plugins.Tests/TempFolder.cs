namespace Falco.Actors.Plugins.Tests;

/// <summary>A fresh folder under the temp directory, deleted with everything in it when disposed.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => FullName = Directory.CreateTempSubdirectory("falco-actors-").FullName;

    public string FullName { get; }

    public string PathOf(string name) => Path.Combine(FullName, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(FullName, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere: the temp directory is cleaned by the system eventually.
        }
    }
}
