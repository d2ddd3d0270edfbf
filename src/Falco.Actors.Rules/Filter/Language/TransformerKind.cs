namespace Falco.Actors.Rules.Filter.Language;

/// <summary>
/// What a field transformer computes (the names are in <see cref="FilterTransformers"/>); a derived slot applies it
/// to its inputs.
/// </summary>
public enum TransformerKind : byte
{
    None,
    ToLower,
    ToUpper,
    Base64,
    Basename,
    Len,
    Join,
    Concat,
    Getopt,
}
