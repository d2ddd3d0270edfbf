using Falco.Actors.Rules.Events;

namespace Falco.Actors.Rules.Fields;

/// <summary>
/// Extracts field values from events. One instance belongs to one owner (an evaluator, a test) and is only ever
/// called by that owner, one call at a time: native plugin states are not thread-safe.
/// </summary>
public interface IFieldExtractor
{
    /// <summary>
    /// Extracts every requested field of one event in a single call and adds the values to <paramref name="values"/>,
    /// each request's values contiguously under its slot. A field without a value gets no value (it is "missing");
    /// a payload the extractor does not understand is not an error: its fields are simply missing.
    /// </summary>
    void Extract(in PluginEvent evt, ReadOnlySpan<FieldRequest> requests, FieldValues values);
}
