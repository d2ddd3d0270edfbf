namespace Falco.Actors.Rules.Filter.Compilation;

/// <summary>The field transformers a derived slot can apply to its input slot.</summary>
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
