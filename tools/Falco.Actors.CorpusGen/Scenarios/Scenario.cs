namespace Falco.Actors.CorpusGen.Scenarios;

using Falco.Actors.CorpusGen.Generation;

/// <summary>
/// A record the corpus plants on purpose: a trigger (it satisfies <see cref="Rules"/>) or a near miss (it looks
/// like a trigger but satisfies none of the rules it resembles; <see cref="Rules"/> lists what it still matches).
/// </summary>
/// <param name="Name">Stable name printed in the manifest.</param>
/// <param name="Global">Logged in the home region only (IAM, sign-in).</param>
/// <param name="Prepare">Chooses the call and caller and fills the context for the record.</param>
public sealed record Scenario(string Name, bool Trigger, bool Global, IReadOnlyList<string> Rules, Action<RecordContext> Prepare);
