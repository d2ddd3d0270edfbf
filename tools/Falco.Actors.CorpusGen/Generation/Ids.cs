namespace Falco.Actors.CorpusGen.Generation;

/// <summary>Random identifiers in the shapes AWS uses (GUIDs, access keys, hex ids), written into spans.</summary>
public static class Ids
{
    private const string Hex = "0123456789abcdef";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string Alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>A version-4 GUID, lower case, 36 characters.</summary>
    public static void Guid(Rng rng, Span<char> into)
    {
        ulong a = rng.NextULong(), b = rng.NextULong();
        int k = 0;
        for (int i = 0; i < 36; i++)
        {
            if (i is 8 or 13 or 18 or 23) { into[i] = '-'; continue; }
            int nibble;
            if (i == 14) nibble = 4;
            else if (i == 19) nibble = 8 | (int)(b & 3);
            else
            {
                ulong src = k < 16 ? a : b;
                nibble = (int)((src >> (4 * (k & 15))) & 15);
                k++;
            }
            into[i] = Hex[nibble];
        }
    }

    public static string Guid(Rng rng)
    {
        Span<char> s = stackalloc char[36];
        Guid(rng, s);
        return new string(s);
    }

    public static string HexString(Rng rng, int length) => Make(rng, Hex, length);

    public static string UpperAlnum(Rng rng, int length) => Make(rng, Upper, length);

    public static string MixedAlnum(Rng rng, int length) => Make(rng, Alnum, length);

    public static void MixedAlnum(Rng rng, Span<char> into)
    {
        for (int i = 0; i < into.Length; i++) into[i] = Alnum[rng.Next(Alnum.Length)];
    }

    /// <summary>prefix + random upper-case alphanumerics, e.g. ASIA... access keys or AIDA... principal ids.</summary>
    public static string Prefixed(Rng rng, string prefix, int totalLength) => prefix + UpperAlnum(rng, totalLength - prefix.Length);

    /// <summary>EC2-style id: prefix + 17 lower-case hex (i-0abc..., sg-0..., subnet-0...).</summary>
    public static string Ec2(Rng rng, string prefix) => prefix + "-0" + HexString(rng, 16);

    private static string Make(Rng rng, string alphabet, int length)
    {
        return string.Create(length, (rng, alphabet), static (span, st) =>
        {
            for (int i = 0; i < span.Length; i++) span[i] = st.alphabet[st.rng.Next(st.alphabet.Length)];
        });
    }
}
