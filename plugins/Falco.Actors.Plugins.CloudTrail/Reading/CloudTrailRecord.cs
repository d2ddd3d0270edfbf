namespace Falco.Actors.Plugins.CloudTrail.Reading;

/// <summary>
/// One accepted CloudTrail record: its original bytes as sliced from the log file and its <c>eventTime</c> in ns.
/// The payload is borrowed from the reader and valid until its next call.
/// </summary>
public readonly record struct CloudTrailRecord(ReadOnlyMemory<byte> Payload, ulong TimestampNs);
