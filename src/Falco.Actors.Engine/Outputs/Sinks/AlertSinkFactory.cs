using Falco.Actors.Engine.Configuration;

namespace Falco.Actors.Engine.Outputs.Sinks;

/// <summary>The enabled outputs of a configuration, and the outputs that could not be set up (with why).</summary>
public sealed record AlertSinkSet(IReadOnlyList<RetryingAlertSink> Sinks, IReadOnlyList<AlertSinkException> Problems);

/// <summary>
/// The one place outputs are made: one sink per enabled output of a <see cref="FalcoConfiguration"/> (stdout, file,
/// syslog, program, http), each behind a <see cref="RetryingAlertSink"/> whose attempts are bounded by
/// <c>output_timeout</c>. An output that cannot be set up (no /dev/log, a missing CA file) is reported
/// (<see cref="AlertSinkOptions.Errors"/>, <see cref="AlertSinkSet.Problems"/>) and disabled; the others still run.
/// </summary>
public static class AlertSinkFactory
{
    public static AlertSinkSet Create(FalcoConfiguration config, AlertSinkOptions? options = null)
    {
        options ??= AlertSinkOptions.Default;
        var buffered = config.BufferedOutputs && !options.Unbuffered;
        var retry = SinkRetryPolicy.Default with { AttemptTimeout = TimeSpan.FromMilliseconds(config.OutputTimeoutMs) };
        var sinks = new List<RetryingAlertSink>();
        var problems = new List<AlertSinkException>();

        void Add(bool enabled, Func<IAlertSink> create)
        {
            if (!enabled)
            {
                return;
            }
            try
            {
                sinks.Add(new RetryingAlertSink(create(), retry));
            }
            catch (AlertSinkException e)
            {
                problems.Add(e);
                options.Errors?.WriteLine($"Error: {e.Message} (this output is disabled)");
            }
        }

        Add(config.StdoutOutput.Enabled, () => options.Stdout is { } stdout ? new StdoutSink(buffered, stdout) : new StdoutSink(buffered));
        Add(config.FileOutput.Enabled, () => new FileSink(config.FileOutput.Filename.Resolved, config.FileOutput.KeepAlive, buffered));
        Add(config.SyslogOutput.Enabled, () => new SyslogSink());
        Add(config.ProgramOutput.Enabled, () => new ProgramSink(config.ProgramOutput.Program, config.ProgramOutput.KeepAlive));
        Add(config.HttpOutput.Enabled, () => new HttpSink(config.HttpOutput));
        return new AlertSinkSet(sinks, problems);
    }
}
