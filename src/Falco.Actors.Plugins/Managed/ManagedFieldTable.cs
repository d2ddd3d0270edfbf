using System.Runtime.CompilerServices;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Managed;

/// <summary>
/// How a managed plugin extracts one field from its own view of an event (a parsed record, say): it adds the values
/// of <paramref name="request"/> to its slot. Written as a static lambda, so one instance serves the process.
/// </summary>
public delegate void FieldExtraction<in TEvent>(TEvent evt, in FieldRequest request, FieldValues values);

/// <summary>One field of a managed plugin: what get_fields says of it, and how it is extracted.</summary>
public readonly record struct ManagedField<TEvent>(FieldInfo Info, FieldExtraction<TEvent> Extraction);

/// <summary>
/// A managed plugin's fields in get_fields order, each declared once with its extraction: a field's position is its
/// field id, so nothing else (an enum, a switch) has to be kept in step with the list. Extracting indexes an array
/// by the id and calls the field's delegate: no allocation, no boxing.
/// </summary>
public sealed class ManagedFieldTable<TEvent>
{
    private readonly FieldExtraction<TEvent>[] _extractions;

    public ManagedFieldTable(params ManagedField<TEvent>[] fields)
    {
        Fields = Array.AsReadOnly(Array.ConvertAll(fields, field => field.Info));
        _extractions = Array.ConvertAll(fields, field => field.Extraction);
    }

    /// <summary>What the plugin exports (<see cref="IManagedExtractorPlugin.Fields"/>).</summary>
    public IReadOnlyList<FieldInfo> Fields { get; }

    /// <summary>The field id of the field named <paramref name="name"/>, or -1.</summary>
    public int IdOf(string name)
    {
        for (var id = 0; id < Fields.Count; id++)
        {
            if (Fields[id].Name == name)
            {
                return id;
            }
        }
        return -1;
    }

    /// <summary>Extracts the field <paramref name="request"/> names (its <see cref="FieldRequest.FieldId"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Extract(TEvent evt, in FieldRequest request, FieldValues values) =>
        _extractions[request.FieldId](evt, request, values);
}
