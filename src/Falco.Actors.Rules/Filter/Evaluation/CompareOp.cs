namespace Falco.Actors.Rules.Filter.Evaluation;

/// <summary>A check operator of the filter language (libsinsp cmpop).</summary>
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

public static class CompareOps
{
    public static bool TryParse(string text, out CompareOp op)
    {
        switch (text)
        {
            case "=": case "==": op = CompareOp.Eq; return true;
            case "!=": op = CompareOp.Ne; return true;
            case "<": op = CompareOp.Lt; return true;
            case "<=": op = CompareOp.Le; return true;
            case ">": op = CompareOp.Gt; return true;
            case ">=": op = CompareOp.Ge; return true;
            case "contains": op = CompareOp.Contains; return true;
            case "icontains": op = CompareOp.IContains; return true;
            case "bcontains": op = CompareOp.BContains; return true;
            case "startswith": op = CompareOp.StartsWith; return true;
            case "bstartswith": op = CompareOp.BStartsWith; return true;
            case "endswith": op = CompareOp.EndsWith; return true;
            case "glob": op = CompareOp.Glob; return true;
            case "iglob": op = CompareOp.IGlob; return true;
            case "pmatch": op = CompareOp.Pmatch; return true;
            case "regex": op = CompareOp.Regex; return true;
            case "in": op = CompareOp.In; return true;
            case "intersects": op = CompareOp.Intersects; return true;
            case "exists": op = CompareOp.Exists; return true;
            default: op = default; return false;
        }
    }

    /// <summary>libsinsp's upper-case operator name (<c>to_string(cmpop)</c>), used in some messages.</summary>
    public static string ToUpperName(this CompareOp op) => op switch
    {
        CompareOp.Eq => "EQ",
        CompareOp.Ne => "NE",
        CompareOp.Lt => "LT",
        CompareOp.Le => "LE",
        CompareOp.Gt => "GT",
        CompareOp.Ge => "GE",
        CompareOp.Contains => "CONTAINS",
        CompareOp.IContains => "ICONTAINS",
        CompareOp.BContains => "BCONTAINS",
        CompareOp.StartsWith => "STARTSWITH",
        CompareOp.BStartsWith => "BSTARTSWITH",
        CompareOp.EndsWith => "ENDSWITH",
        CompareOp.Glob => "GLOB",
        CompareOp.IGlob => "IGLOB",
        CompareOp.Pmatch => "PMATCH",
        CompareOp.Regex => "REGEX",
        CompareOp.In => "IN",
        CompareOp.Intersects => "INTERSECTS",
        _ => "EXISTS",
    };

    /// <summary>libsinsp's <c>cmpop_to_str</c>: the operator as written, <c>=</c> for both <c>=</c> and <c>==</c>.</summary>
    public static string ToLibsName(this CompareOp op) => op switch
    {
        CompareOp.Eq => "=",
        CompareOp.Ne => "!=",
        CompareOp.Lt => "<",
        CompareOp.Le => "<=",
        CompareOp.Gt => ">",
        CompareOp.Ge => ">=",
        _ => op.ToUpperName().ToLowerInvariant(),
    };

    public static bool IsSetOp(this CompareOp op) => op is CompareOp.In or CompareOp.Intersects or CompareOp.Pmatch;
}
