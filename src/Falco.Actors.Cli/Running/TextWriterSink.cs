using Falco.Actors.Engine.Outputs;
using Falco.Actors.Engine.Outputs.Sinks;

namespace Falco.Actors.Cli.Running;

/// <summary>
/// <c>stdout_output</c> written to the command's own standard output writer (so tests and embedders see the alerts),
/// one line per alert, flushed after each unless <c>buffered_outputs</c> (and <c>-U</c> forces unbuffered).
/// </summary>
public sealed class TextWriterSink(TextWriter writer, bool buffered) : IAlertSink
{
    public string Name => "stdout";

    public async ValueTask WriteAsync(FormattedAlert alert, CancellationToken cancellationToken = default)
    {
        await writer.WriteAsync(alert.Payload.AsMemory(), cancellationToken);
        await writer.WriteAsync("\n".AsMemory(), cancellationToken);
        if (!buffered)
        {
            await writer.FlushAsync(cancellationToken);
        }
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken = default) => await writer.FlushAsync(cancellationToken);

    /// <summary>The writer belongs to the caller: flushed, never closed.</summary>
    public async ValueTask DisposeAsync() => await writer.FlushAsync();
}
