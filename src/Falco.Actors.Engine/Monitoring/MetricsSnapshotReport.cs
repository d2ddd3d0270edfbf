using Falco.Actors.Engine.Configuration;
using Falco.Actors.Engine.Logging;
using Falco.Actors.Engine.Outputs;
using Falco.Actors.Rules;

namespace Falco.Actors.Engine.Monitoring;

/// <summary>
/// <c>metrics</c>' periodic work (a <see cref="PeriodicReport"/>): at every tick one <see cref="MetricsSnapshot"/> per
/// source of the run, sent through the outputs as the alert <c>Falco internal: metrics snapshot</c> when
/// <c>output_rule</c> is true, and appended as one JSON line to <c>output_file</c> when it is set (opened in append
/// mode at the start, as Falco opens it; a file that cannot be opened stops the start). The samples are numbered from
/// 1. A snapshot that cannot be written is logged and the next tick tries again.
/// </summary>
public sealed class MetricsSnapshotReport : IDisposable
{
    private readonly MetricsConfig _config;
    private readonly EngineMetricsInfo _info;
    private readonly Action<FormattedAlert>? _alerts;
    private readonly bool _jsonOutput;
    private readonly EngineLog _log;
    private readonly StreamWriter? _file;
    private readonly Dictionary<string, long> _previousEvents = new(StringComparer.Ordinal);
    private long _sample;

    /// <param name="alerts">Where the snapshot alerts go (the output router); null when <c>output_rule</c> is false.</param>
    /// <exception cref="IOException"><c>output_file</c> cannot be opened for appending.</exception>
    public MetricsSnapshotReport(MetricsConfig config, EngineMetricsInfo info, Action<FormattedAlert>? alerts, bool jsonOutput, EngineLog log)
    {
        _config = config;
        _info = info;
        _alerts = config.OutputRule ? alerts : null;
        _jsonOutput = jsonOutput;
        _log = log;
        if (config.OutputFile is { } file)
        {
            try
            {
                _file = new StreamWriter(new FileStream(file.Resolved, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { NewLine = "\n" };
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"metrics.output_file '{file.Raw}': cannot open {file.Resolved} for appending: {e.Message}", e);
            }
        }
    }

    public void Report(EngineStatisticsSnapshot? previous, EngineStatisticsSnapshot current, TimeSpan elapsed)
    {
        _sample++;
        var process = ProcessSample.Current();
        foreach (var source in _info.Sources.Union(current.EventsIn.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var fields = MetricsSnapshot.Fields(_config, _info, current, process, source, _previousEvents.GetValueOrDefault(source), elapsed);
            _previousEvents[source] = current.EventsIn.GetValueOrDefault(source);
            try
            {
                _alerts?.Invoke(MetricsSnapshot.Alert(fields, process.Now, _info.Hostname, _jsonOutput));
                if (_file is not null)
                {
                    _file.WriteLine(MetricsSnapshot.FileLine(fields, _sample));
                    _file.Flush();
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                _log.Write(Priority.Error, $"stats_writer (worker): {e.Message}");
            }
        }
    }

    public void Dispose() => _file?.Dispose();
}
