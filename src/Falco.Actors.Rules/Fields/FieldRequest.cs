namespace Falco.Actors.Rules.Fields;

/// <summary>
/// One field an extractor is asked for. <see cref="Slot"/> is where its values go in <see cref="FieldValues"/>;
/// <see cref="FieldId"/> is the field's position in its provider's field list.
/// </summary>
public readonly record struct FieldRequest(int Slot, int FieldId, FieldType Type, bool IsList, FieldArgument Arg);
