using System.Text;

namespace Falco.Actors.Rules.Output;

/// <summary>
/// JSON text as nlohmann::json's <c>dump()</c> writes it (Falco's alert serializer): compact, non-ASCII kept as
/// UTF-8, only <c>"</c>, <c>\</c> and control characters escaped, the latter as <c>\b \f \n \r \t</c> or
/// <c>\u00xx</c> in lower-case hex.
/// </summary>
public static class JsonText
{
    public static void AppendString(StringBuilder into, string value)
    {
        into.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': into.Append("\\\""); break;
                case '\\': into.Append("\\\\"); break;
                case < (char)0x20: into.Append(ControlEscape(c)); break;
                default: into.Append(c); break;
            }
        }
        into.Append('"');
    }

    internal static string ControlEscape(char c) => c switch
    {
        '\b' => "\\b",
        '\f' => "\\f",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        _ => $"\\u{(int)c:x4}",
    };
}
