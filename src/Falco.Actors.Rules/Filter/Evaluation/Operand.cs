using System.Text.RegularExpressions;

namespace Falco.Actors.Rules.Filter.Evaluation;

/// <summary>A constant right-hand value parsed into its field's type at compile time.</summary>
internal readonly record struct Operand(ulong Number, byte[] Bytes, Regex? Regex)
{
    public static Operand OfNumber(ulong n) => new(n, [], null);

    public static Operand OfBytes(byte[] b) => new(0, b, null);

    public static Operand OfRegex(Regex r) => new(0, [], r);
}
