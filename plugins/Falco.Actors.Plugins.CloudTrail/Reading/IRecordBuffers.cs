namespace Falco.Actors.Plugins.CloudTrail.Reading;

/// <summary>
/// Where a <see cref="RecordSplitter"/> takes its read buffers from and hands them back, so that the records it
/// split can stay in the buffer they were read into (no copy) while it goes on in a fresh one.
/// </summary>
internal interface IRecordBuffers
{
    /// <summary>A buffer of at least <paramref name="minimumLength"/> bytes.</summary>
    byte[] Rent(int minimumLength);

    /// <summary>The splitter will never write to <paramref name="buffer"/> again; its records are still readable.</summary>
    void Retire(byte[] buffer);
}
