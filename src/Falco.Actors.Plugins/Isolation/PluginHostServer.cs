using System.Runtime.InteropServices;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Events;
using Falco.Actors.Plugins.Native;
using Microsoft.Win32.SafeHandles;

namespace Falco.Actors.Plugins.Isolation;

/// <summary>
/// The plugin-host process (<c>falco-actors --plugin-host &lt;plugin name&gt;</c>): it holds one state of one native
/// plugin and one stream on it, and runs the engine's requests (<see cref="HostMessage"/>) one at a time, the frames
/// on its standard input and output. Whatever the plugin writes to standard output goes to standard error, which the
/// engine logs with the plugin's name, as it does the plugin's own log. It ends when asked (destroy), when its input
/// ends, or when its parent is gone (checked twice a second, also while a plugin call hangs); SIGINT and SIGTERM
/// (a terminal's Ctrl-C reaches the whole process group) are left to the engine, which stops it through the pipe.
/// </summary>
public static class PluginHostServer
{
    /// <summary>The hidden command-line flag of the host mode.</summary>
    public const string Flag = "--plugin-host";

    public static bool IsRequested(IReadOnlyList<string> args) => args.Count > 0 && args[0] == Flag;

    public static int Run(IReadOnlyList<string> args)
    {
        var name = args.Count > 1 ? args[1] : "plugin";
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => c.Cancel = true);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => c.Cancel = true);
        var (requests, replies) = TakeOverStandardStreams();
        WatchParent();
        using (requests)
        using (replies)
        {
            new Session(name, replies).Serve(requests);
        }
        return 0;
    }

    /// <summary>
    /// The frames get private copies of descriptors 0 and 1; descriptor 1 then points at standard error and 0 at
    /// /dev/null, so a plugin that prints or reads cannot corrupt the protocol.
    /// </summary>
    private static (Stream Requests, Stream Replies) TakeOverStandardStreams()
    {
        var input = Dup(0);
        var output = Dup(1);
        if (Libc.dup2(2, 1) < 0)
        {
            throw new IOException($"dup2(2, 1) failed: errno {Marshal.GetLastPInvokeError()}");
        }
        using (var devNull = File.OpenHandle("/dev/null"))
        {
            Libc.dup2((int)devNull.DangerousGetHandle(), 0);
        }
        return (new FileStream(new SafeFileHandle(input, ownsHandle: true), FileAccess.Read, 64 * 1024),
            new FileStream(new SafeFileHandle(output, ownsHandle: true), FileAccess.Write, 0));
    }

    private static nint Dup(int fd)
    {
        var copy = Libc.dup(fd);
        return copy >= 0 ? copy : throw new IOException($"dup({fd}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Ends the process at once when the engine that started it is gone (it is re-parented).</summary>
    private static void WatchParent()
    {
        var parent = Libc.getppid();
        var watch = new Thread(() =>
        {
            while (Libc.getppid() == parent)
            {
                Thread.Sleep(500);
            }
            Libc._exit(1);
        }) { IsBackground = true, Name = "parent-watch" };
        watch.Start();
    }

    /// <summary>One plugin state and its stream, driven by the engine's frames.</summary>
    private sealed class Session(string name, Stream replies)
    {
        /// <summary>Payload bytes past which an answer stops gathering more next_batch calls (frames stay far below their limit).</summary>
        private const int GatherBytes = 8 << 20;

        private readonly HostFrameReader _reader = new();
        private readonly HostFrameWriter _writer = new();
        private readonly EventBatch _batch = new();
        private IPluginInstance? _instance;
        private IPluginSession? _session;

        public void Serve(Stream requests)
        {
            try
            {
                while (_reader.Receive(requests) is { } kind)
                {
                    try
                    {
                        if (!Answer(kind))
                        {
                            return;
                        }
                    }
                    catch (Exception e)
                    {
                        // The call failed cleanly (the plugin said so, or its answer was malformed): the engine
                        // throws this message and its supervisor decides.
                        _writer.Begin(HostMessage.Failed);
                        _writer.WriteString(e is PluginException ? e.Message : $"plugin '{name}' host: {e.GetType().Name}: {e.Message}");
                    }
                    _writer.Send(replies);
                }
            }
            finally
            {
                // The engine is gone or done: close and destroy as the engine would have.
                _session?.Dispose();
                _instance?.Dispose();
            }
        }

        /// <summary>Runs one request and writes its answer; false after destroy.</summary>
        private bool Answer(HostMessage kind)
        {
            switch (kind)
            {
                case HostMessage.Init:
                    var library = _reader.ReadString();
                    var initConfig = _reader.ReadString();
                    _instance = NativePluginLoader.Load(library, Log).CreateInstance(initConfig);
                    _writer.Begin(HostMessage.Done);
                    return true;
                case HostMessage.Open:
                    _session = Instance.Open(_reader.ReadString());
                    _writer.Begin(HostMessage.Done);
                    return true;
                case HostMessage.NextBatch:
                    NextBatch(_reader.Count());
                    return true;
                case HostMessage.Progress:
                    var progress = Opened.Progress;
                    _writer.Begin(HostMessage.ProgressIs);
                    _writer.WriteByte(progress is null ? (byte)0 : (byte)1);
                    _writer.WriteDouble(progress?.Percent ?? 0);
                    _writer.WriteString(progress?.Text ?? "");
                    return true;
                case HostMessage.Close:
                    _session?.Dispose();
                    _session = null;
                    _writer.Begin(HostMessage.Done);
                    return true;
                case HostMessage.Destroy:
                    _session?.Dispose();
                    _session = null;
                    _instance?.Dispose();
                    _instance = null;
                    _writer.Begin(HostMessage.Done);
                    _writer.Send(replies);
                    return false;
                default:
                    throw new InvalidDataException($"unknown request {(byte)kind}");
            }
        }

        /// <summary>
        /// Calls next_batch until <paramref name="max"/> events (or <see cref="GatherBytes"/> of payloads) or a call
        /// that is not a SUCCESS with events, so one frame carries what several calls gave. A failure after some events hands those over first; the session
        /// reports the failure again on the next request.
        /// </summary>
        private void NextBatch(int max)
        {
            _batch.Clear();
            var status = BatchStatus.Success;
            try
            {
                int before;
                do
                {
                    before = _batch.Count;
                    status = Opened.NextBatch(_batch);
                }
                while (status == BatchStatus.Success && _batch.Count > before && _batch.Count < max && _batch.PayloadBytes < GatherBytes);
            }
            catch (PluginException) when (_batch.Count > 0)
            {
                status = BatchStatus.Success;
            }
            HostBatchFormat.Write(_writer, status, _batch);
        }

        private IPluginInstance Instance => _instance ?? throw new InvalidOperationException("no plugin state: init first");

        private IPluginSession Opened => _session ?? throw new InvalidOperationException("no open stream: open first");

        private static void Log(PluginLogSeverity severity, string component, string message) =>
            Console.Error.WriteLine($"{severity.ToString().ToLowerInvariant()}: [{component}] {message}");
    }

    private static class Libc
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int dup(int fd);

        [DllImport("libc", SetLastError = true)]
        public static extern int dup2(int from, int to);

        [DllImport("libc")]
        public static extern int getppid();

        [DllImport("libc")]
        public static extern void _exit(int status);
    }
}
