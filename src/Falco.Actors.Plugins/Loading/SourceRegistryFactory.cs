using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Fields.Generic;

namespace Falco.Actors.Plugins.Loading;

/// <summary>Creates the field registry of one event source before the plugins' fields are added.</summary>
internal static class SourceRegistryFactory
{
    /// <summary>The generic <c>evt.*</c> fields come first (provider 0), the plugins follow in load order.</summary>
    public static FieldRegistry Create(string source) => GenericEventFields.CreateRegistry(source);
}
