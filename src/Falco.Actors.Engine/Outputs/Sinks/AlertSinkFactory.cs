using Falco.Actors.Engine.Configuration;

namespace Falco.Actors.Engine.Outputs.Sinks;

/// <summary>The enabled outputs of a configuration, and the outputs that could not be set up (with why).</summary>
public sealed record AlertSinkSet(IReadOnlyList<RetryingAlertSink> Sinks, IReadOnlyList<AlertSinkException> Problems);

/// <summary>
/// Builds one sink per enabled output of a <see cref="FalcoConfiguration"/>, each behind a
/// <see cref="RetryingAlertSink"/> whose attempts are bounded by <c>output_timeout</c>. An output that cannot be set
/// up (no /dev/log, a missing CA file) is reported in <see cref="AlertSinkSet.Problems"/>; the others still run.
/// </summary>
public static class AlertSinkFactory
{
    /// <param name="unbuffered">Falco's <c>-U</c>: flush every alert whatever <c>buffered_outputs</c> says.</param>
    public static AlertSinkSet Create(FalcoConfiguration config, bool unbuffered = false, SinkRetryPolicy? policy = null)
    {
        var buffered = config.BufferedOutputs && !unbuffered;
        var retry = (policy ?? SinkRetryPolicy.Default) with { AttemptTimeout = TimeSpan.FromMilliseconds(config.OutputTimeoutMs) };
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
            }
        }

        Add(config.StdoutOutput.Enabled, () => new StdoutSink(buffered));
        Add(config.FileOutput.Enabled, () => new FileSink(config.FileOutput.Filename.Resolved, config.FileOutput.KeepAlive, buffered));
        Add(config.SyslogOutput.Enabled, () => new SyslogSink());
        Add(config.ProgramOutput.Enabled, () => new ProgramSink(config.ProgramOutput.Program, config.ProgramOutput.KeepAlive));
        Add(config.HttpOutput.Enabled, () => new HttpSink(config.HttpOutput));
        return new AlertSinkSet(sinks, problems);
    }
}
