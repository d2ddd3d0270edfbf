using Falco.Actors.Engine.Configuration;

namespace Falco.Actors.Engine.State;

/// <summary>
/// A run's start with <c>engine_actors.state_dir</c>: the saved state is read (the folder created when missing) and
/// the file output is repaired (<see cref="FileOutputRecovery"/>) before any output opens it.
/// </summary>
public static class StateFolder
{
    /// <summary>The saved state, or null when no state folder is configured; what the repair removed is told to <paramref name="log"/>.</summary>
    /// <exception cref="EngineStateException">The folder cannot be used or its state cannot be read.</exception>
    public static EngineState? Open(FalcoConfiguration config, TextWriter log)
    {
        var directory = config.EngineActors.StateDir;
        if (directory.Length == 0)
        {
            return null;
        }
        var state = EngineStateFile.Load(directory);
        if (config.FileOutput.Enabled && FileOutputRecovery.Repair(config.FileOutput.Filename.Resolved, state.FileOutput) is { } repaired)
        {
            log.WriteLine(repaired);
        }
        return state;
    }

    /// <summary>For a dry run: the folder could be used and its state read; nothing is created or changed.</summary>
    public static void Check(FalcoConfiguration config)
    {
        var directory = config.EngineActors.StateDir;
        if (directory.Length > 0)
        {
            EngineStateFile.Load(directory, create: false);
        }
    }
}
