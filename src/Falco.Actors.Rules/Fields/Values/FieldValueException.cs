namespace Falco.Actors.Rules.Fields.Values;

/// <summary>A right-hand value text that does not parse into its field's type; the message is libsinsp's wording.</summary>
public sealed class FieldValueException(string message) : Exception(message);
