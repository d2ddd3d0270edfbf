using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Loading;

/// <summary>Creates the field registry of one event source before the plugins' fields are added.</summary>
internal static class SourceRegistryFactory
{
    public static FieldRegistry Create(string source) =>
        // GENERIC FIELDS: use Falco.Actors.Rules.Fields.Generic.GenericEventFields.CreateRegistry(source) once branch
        // `compiler` is merged, so the generic evt.* provider comes first and the plugins follow it.
        new(source);
}
