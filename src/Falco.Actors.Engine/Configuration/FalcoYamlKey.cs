namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// One top-level key of falco.yaml: its <see cref="Name"/> and its binder, which reads the key from the root map and
/// returns the configuration bound so far with the key's value set. Until a key sets a value the configuration holds
/// <see cref="FalcoConfiguration"/>'s defaults, which a binder keeps when its key is absent.
/// </summary>
/// <remarks>A key's type and description (for a schema of falco.yaml) belong here, as further parameters.</remarks>
internal sealed class FalcoYamlKey(string name, FalcoYamlKey.Binder binder)
{
    /// <summary>Binds <paramref name="key"/> of <paramref name="root"/> into <paramref name="bound"/>; relative paths resolve against <paramref name="baseDirectory"/>.</summary>
    public delegate FalcoConfiguration Binder(ConfigMap root, string key, FalcoConfiguration bound, string baseDirectory);

    public string Name { get; } = name;

    public FalcoConfiguration Bind(ConfigMap root, FalcoConfiguration bound, string baseDirectory) =>
        binder(root, Name, bound, baseDirectory);
}
