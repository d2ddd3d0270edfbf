using System.Text;

namespace Falco.Actors.Rules.Output;

/// <summary>
/// Falco ≥ 0.44 writes text alerts so that a field value cannot forge lines or drive a terminal: control
/// characters (U+0000–U+001F) are JSON-escaped (<c>\n</c>, <c>\t</c>, <c>\u001b</c>…) and invalid UTF-8 has
/// already become U+FFFD when values were decoded. Quotes and backslashes are left as they are.
/// </summary>
public static class AlertTextEscaping
{
    /// <summary>Escapes the control characters of <paramref name="text"/> from <paramref name="start"/> on, in place.</summary>
    public static void EscapeControls(StringBuilder text, int start = 0)
    {
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 0x20)
            {
                continue;
            }
            var escape = JsonText.ControlEscape(c);
            text.Remove(i, 1).Insert(i, escape);
            i += escape.Length - 1;
        }
    }
}
