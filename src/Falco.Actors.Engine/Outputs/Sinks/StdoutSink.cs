using System.Text;

namespace Falco.Actors.Engine.Outputs.Sinks;

/// <summary>
/// <c>stdout_output</c>: one line per alert, to the process's standard output or to a stream or writer the caller
/// gives (the CLI's own standard output writer, so tests and embedders see the alerts). Flushed after every alert
/// unless <c>buffered_outputs</c> (and <c>-U</c> forces unbuffered).
/// </summary>
public sealed class StdoutSink : IAlertSink
{
    private static readonly ReadOnlyMemory<char> NewLine = "\n".AsMemory();
    private readonly TextWriter _writer;
    private readonly bool _ownsWriter;
    private readonly bool _buffered;

    /// <summary>To the process's standard output.</summary>
    public StdoutSink(bool buffered)
        : this(buffered, Console.OpenStandardOutput())
    {
    }

    /// <param name="output">Where to write, through a writer of this sink's own (the stream is left open on dispose).</param>
    public StdoutSink(bool buffered, Stream output)
        : this(buffered, new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true), ownsWriter: true)
    {
    }

    /// <param name="output">Where to write; it belongs to the caller: flushed, never closed.</param>
    public StdoutSink(bool buffered, TextWriter output)
        : this(buffered, output, ownsWriter: false)
    {
    }

    private StdoutSink(bool buffered, TextWriter writer, bool ownsWriter)
    {
        _buffered = buffered;
        _writer = writer;
        _ownsWriter = ownsWriter;
    }

    public string Name => "stdout";

    public async ValueTask WriteAsync(FormattedAlert alert, CancellationToken cancellationToken = default)
    {
        await _writer.WriteAsync(alert.Payload.AsMemory(), cancellationToken);
        await _writer.WriteAsync(NewLine, cancellationToken);
        if (!_buffered)
        {
            await _writer.FlushAsync(cancellationToken);
        }
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken = default) => await _writer.FlushAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _writer.FlushAsync();
        if (_ownsWriter)
        {
            await _writer.DisposeAsync();
        }
    }
}
