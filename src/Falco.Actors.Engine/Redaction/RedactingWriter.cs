using System.Text;

namespace Falco.Actors.Engine.Redaction;

/// <summary>
/// A writer that passes whole lines through <see cref="Secrets.Redact"/> before they reach <paramref name="inner"/>,
/// so a secret written in pieces is still masked. Text after the last newline waits for the next newline, a
/// carriage return (progress lines) or <see cref="Flush"/>.
/// </summary>
public sealed class RedactingWriter(TextWriter inner) : TextWriter
{
    private readonly StringBuilder _pending = new();

    /// <summary>A redacting writer over <paramref name="writer"/> (itself when it already is one).</summary>
    public static TextWriter Over(TextWriter writer) => writer as RedactingWriter ?? new RedactingWriter(writer);

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        lock (_pending)
        {
            _pending.Append(value);
            var text = _pending.ToString();
            var end = text.AsSpan().LastIndexOfAny('\n', '\r');
            if (end < 0)
            {
                return;
            }
            _pending.Clear().Append(text, end + 1, text.Length - end - 1);
            inner.Write(Secrets.Redact(text[..(end + 1)]));
        }
    }

    public override void WriteLine(string? value) => Write((value ?? "") + NewLine);

    public override void Flush()
    {
        lock (_pending)
        {
            if (_pending.Length > 0)
            {
                inner.Write(Secrets.Redact(_pending.ToString()));
                _pending.Clear();
            }
            inner.Flush();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }
        base.Dispose(disposing);
    }
}
