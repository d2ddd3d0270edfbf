using System.Text;

namespace Falco.Actors.Engine.Outputs.Sinks;

/// <summary>
/// <c>stdout_output</c>: one line per alert. Flushed after every alert unless <c>buffered_outputs</c>
/// (and <c>-U</c> forces unbuffered).
/// </summary>
public sealed class StdoutSink : IAlertSink
{
    private readonly StreamWriter _writer;
    private readonly bool _buffered;

    /// <param name="output">Where to write (left open on dispose); the process's standard output when null.</param>
    public StdoutSink(bool buffered, Stream? output = null)
    {
        _buffered = buffered;
        _writer = new StreamWriter(output ?? Console.OpenStandardOutput(), new UTF8Encoding(false), 64 * 1024, leaveOpen: true)
        {
            AutoFlush = false,
            NewLine = "\n",
        };
    }

    public string Name => "stdout";

    public async ValueTask WriteAsync(FormattedAlert alert, CancellationToken cancellationToken = default)
    {
        await _writer.WriteLineAsync(alert.Payload.AsMemory(), cancellationToken);
        if (!_buffered)
        {
            await _writer.FlushAsync(cancellationToken);
        }
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken = default) => await _writer.FlushAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _writer.FlushAsync();
        await _writer.DisposeAsync();
    }
}
