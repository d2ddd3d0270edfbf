namespace Falco.Actors.Rules.Filter.Evaluation;

/// <summary>A growable byte buffer owned by one context, reused by every event (transformers build values in it).</summary>
internal sealed class ScratchBuffer
{
    private byte[] _buffer = new byte[256];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Length += bytes.Length;
    }

    /// <summary>Room for at least <paramref name="size"/> bytes after what was written; commit with <see cref="Advance"/>.</summary>
    public Span<byte> GetSpan(int size)
    {
        if (Length + size > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + size));
        }
        return _buffer.AsSpan(Length);
    }

    public void Advance(int count) => Length += count;
}
