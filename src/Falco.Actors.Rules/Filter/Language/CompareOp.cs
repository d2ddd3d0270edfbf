namespace Falco.Actors.Rules.Filter.Language;

/// <summary>What a check operator evaluates as (libsinsp cmpop); the names are in <see cref="FilterOperators"/>.</summary>
public enum CompareOp : byte
{
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Contains,
    IContains,
    BContains,
    StartsWith,
    BStartsWith,
    EndsWith,
    Glob,
    IGlob,
    Pmatch,
    Regex,
    In,
    Intersects,
    Exists,
}

/// <summary>An operator modifier (Falco ≥ 0.44): <c>== oneof (...)</c>, <c>anyof</c>, <c>allof</c>.</summary>
public enum CompareModifier : byte
{
    None,
    OneOf,
    AnyOf,
    AllOf,
}
