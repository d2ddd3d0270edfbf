namespace Falco.Actors.Rules.Loading;

/// <summary>Falco's load result codes (falco_load_result.h): errors stop a file, warnings do not.</summary>
public enum LoadCode
{
    // Errors.
    ErrFileRead,
    ErrYamlParse,
    ErrYamlValidate,
    ErrCompileCondition,
    ErrCompileOutput,
    ErrValidate,

    // Warnings.
    UnknownSource,
    UnsafeNaCheck,
    NoEvttype,
    UnknownFilter,
    UnusedMacro,
    UnusedList,
    UnknownItem,
    DeprecatedItem,
    AppendNoValues,
    ExceptionNameNotUnique,
    InvalidMacroName,
    InvalidListName,
    CompileCondition,
    UnknownKey,
}

public static class LoadCodes
{
    public static bool IsError(this LoadCode code) => code <= LoadCode.ErrValidate;

    /// <summary>Falco's code name, e.g. <c>LOAD_ERR_YAML_PARSE</c>, <c>LOAD_UNUSED_MACRO</c>.</summary>
    public static string Name(this LoadCode code) => code switch
    {
        LoadCode.ErrFileRead => "LOAD_ERR_FILE_READ",
        LoadCode.ErrYamlParse => "LOAD_ERR_YAML_PARSE",
        LoadCode.ErrYamlValidate => "LOAD_ERR_YAML_VALIDATE",
        LoadCode.ErrCompileCondition => "LOAD_ERR_COMPILE_CONDITION",
        LoadCode.ErrCompileOutput => "LOAD_ERR_COMPILE_OUTPUT",
        LoadCode.ErrValidate => "LOAD_ERR_VALIDATE",
        LoadCode.UnknownSource => "LOAD_UNKNOWN_SOURCE",
        LoadCode.UnsafeNaCheck => "LOAD_UNSAFE_NA_CHECK",
        LoadCode.NoEvttype => "LOAD_NO_EVTTYPE",
        LoadCode.UnknownFilter => "LOAD_UNKNOWN_FILTER",
        LoadCode.UnusedMacro => "LOAD_UNUSED_MACRO",
        LoadCode.UnusedList => "LOAD_UNUSED_LIST",
        LoadCode.UnknownItem => "LOAD_UNKNOWN_ITEM",
        LoadCode.DeprecatedItem => "LOAD_DEPRECATED_ITEM",
        LoadCode.AppendNoValues => "LOAD_APPEND_NO_VALUES",
        LoadCode.ExceptionNameNotUnique => "LOAD_EXCEPTION_NAME_NOT_UNIQUE",
        LoadCode.InvalidMacroName => "LOAD_INVALID_MACRO_NAME",
        LoadCode.InvalidListName => "LOAD_INVALID_LIST_NAME",
        LoadCode.CompileCondition => "LOAD_COMPILE_CONDITION",
        LoadCode.UnknownKey => "LOAD_UNKNOWN_KEY",
        _ => code.ToString(),
    };

    /// <summary>Falco's short description of the code, e.g. <c>Unused macro</c>.</summary>
    public static string Title(this LoadCode code) => code switch
    {
        LoadCode.ErrFileRead => "File read error",
        LoadCode.ErrYamlParse => "YAML parse error",
        LoadCode.ErrYamlValidate => "Error validating internal structure of YAML file",
        LoadCode.ErrCompileCondition => "Error compiling condition",
        LoadCode.ErrCompileOutput => "Error compiling output",
        LoadCode.ErrValidate => "Error validating rule/macro/list/exception objects",
        LoadCode.UnknownSource => "Unknown event source",
        LoadCode.UnsafeNaCheck => "Unsafe <NA> comparison in condition",
        LoadCode.NoEvttype => "Condition has no event-type restriction",
        LoadCode.UnknownFilter => "Unknown field or event-type in condition or output",
        LoadCode.UnusedMacro => "Unused macro",
        LoadCode.UnusedList => "Unused list",
        LoadCode.UnknownItem => "Unknown rules file item",
        LoadCode.DeprecatedItem => "Used deprecated item",
        LoadCode.AppendNoValues => "Overriding/appending with no values",
        LoadCode.ExceptionNameNotUnique => "Multiple exceptions defined with the same name",
        LoadCode.InvalidMacroName => "Invalid macro name",
        LoadCode.InvalidListName => "Invalid list name",
        LoadCode.CompileCondition => "Warning in rule condition",
        LoadCode.UnknownKey => "Unknown key in item definition",
        _ => code.ToString(),
    };
}
