using Falco.Actors.Engine.Configuration;

namespace Falco.Actors.Engine.Outputs.Sinks;

/// <summary>The enabled outputs of a configuration, and the outputs that could not be set up and were disabled (with why).</summary>
public sealed record AlertSinkSet(IReadOnlyList<RetryingAlertSink> Sinks, IReadOnlyList<AlertSinkException> Problems);

/// <summary>
/// The one place outputs are made: one sink per enabled output of a <see cref="FalcoConfiguration"/> (stdout, file,
/// syslog, program, http), each behind a <see cref="RetryingAlertSink"/> whose attempts are bounded by
/// <c>output_timeout</c> (3 attempts an alert; the http output's <c>max_consecutive_timeouts</c>). An output that cannot be set up (a file that cannot be opened for appending, a missing CA
/// file) stops the start: <see cref="Create"/> throws its <see cref="AlertSinkException"/>, naming the output and the
/// path, so no run loses every alert of an output it was asked for. Only syslog is disabled instead (reported in
/// <see cref="AlertSinkOptions.Errors"/> and <see cref="AlertSinkSet.Problems"/>): Falco's syslog output cannot fail to
/// open, and a host or container without a syslog daemon is common.
/// </summary>
public static class AlertSinkFactory
{
    /// <exception cref="AlertSinkException">An output other than syslog cannot be set up.</exception>
    public static AlertSinkSet Create(FalcoConfiguration config, AlertSinkOptions? options = null)
    {
        options ??= AlertSinkOptions.Default;
        var buffered = config.BufferedOutputs && !options.Unbuffered;
        var retry = SinkRetryPolicy.Default with { AttemptTimeout = TimeSpan.FromMilliseconds(config.OutputTimeoutMs) };
        var sinks = new List<RetryingAlertSink>();
        var problems = new List<AlertSinkException>();

        void Add(bool enabled, Func<IAlertSink> create, bool required = true, SinkRetryPolicy? policy = null)
        {
            if (!enabled)
            {
                return;
            }
            try
            {
                sinks.Add(new RetryingAlertSink(create(), policy ?? retry));
            }
            catch (AlertSinkException e) when (!required)
            {
                problems.Add(e);
                options.Errors?.WriteLine($"Error: {e.Message} (this output is disabled)");
            }
        }

        try
        {
            Add(config.StdoutOutput.Enabled, () => options.Stdout is { } stdout ? new StdoutSink(buffered, stdout) : new StdoutSink(buffered));
            Add(config.FileOutput.Enabled, () => FileSink.Open(config.FileOutput.Filename.Resolved, config.FileOutput.KeepAlive, buffered, retry.AttemptTimeout));
            Add(config.SyslogOutput.Enabled, () => new SyslogSink(), required: false);
            Add(config.ProgramOutput.Enabled, () => new ProgramSink(config.ProgramOutput.Program, config.ProgramOutput.KeepAlive));
            Add(config.HttpOutput.Enabled, () => new HttpSink(config.HttpOutput),
                policy: retry with { MaxAttempts = Math.Max(1, config.HttpOutput.MaxConsecutiveTimeouts) });
        }
        catch (AlertSinkException)
        {
            foreach (var sink in sinks)
            {
                sink.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            throw;
        }
        return new AlertSinkSet(sinks, problems);
    }
}
