using Falco.Actors.Engine.Configuration;
using Falco.Actors.Rules.Loading;

namespace Falco.Actors.Engine.Hosting;

/// <summary>What a reload read (<see cref="EngineSetup.Reload"/>): the configuration and the rules loaded with it.</summary>
public sealed record RulesReload(FalcoConfiguration Configuration, RulesLoadResult Rules);
