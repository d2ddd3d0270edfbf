namespace Falco.Actors.CorpusGen.Generation;

using Falco.Actors.CorpusGen.Catalog;

/// <summary>Weighted choice among the benign calls; regional streams exclude the global services.</summary>
public sealed class BenignMix
{
    private readonly ApiCall[] _calls;
    private readonly int[] _cumulative;

    public BenignMix(IEnumerable<ApiCall> calls)
    {
        _calls = calls.Where(c => c.Weight > 0).ToArray();
        _cumulative = new int[_calls.Length];
        int total = 0;
        for (int i = 0; i < _calls.Length; i++) _cumulative[i] = total += _calls[i].Weight;
    }

    public static BenignMix Home { get; } = new(BenignCalls.All);
    public static BenignMix Regional { get; } = new(BenignCalls.All.Where(c => !c.Global));

    public ApiCall Pick(Rng rng)
    {
        int roll = rng.Next(_cumulative[^1]);
        int index = Array.BinarySearch(_cumulative, roll + 1);
        return _calls[index >= 0 ? index : ~index];
    }
}
