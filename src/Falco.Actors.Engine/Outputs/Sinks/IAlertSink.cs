namespace Falco.Actors.Engine.Outputs.Sinks;

/// <summary>
/// One output (stdout, file, syslog, program, http). A sink is used by one caller at a time (its actor);
/// it throws <see cref="AlertSinkException"/> (or an I/O error) when a delivery fails, and
/// <see cref="RetryingAlertSink"/> turns failures into bounded retries and reports.
/// </summary>
public interface IAlertSink : IAsyncDisposable
{
    /// <summary>The output's name in Falco's configuration: <c>stdout</c>, <c>file</c>, <c>syslog</c>, <c>program</c>, <c>http</c>.</summary>
    string Name { get; }

    ValueTask WriteAsync(FormattedAlert alert, CancellationToken cancellationToken = default);

    /// <summary>Pushes out anything buffered.</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Falco's SIGUSR1 (log rotation): closes what the output keeps open, so the next alert opens it again (the file
    /// output its file, the program output its program); called between writes. Outputs that keep nothing open do nothing.
    /// </summary>
    ValueTask ReopenAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
