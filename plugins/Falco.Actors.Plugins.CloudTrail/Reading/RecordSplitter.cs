using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Falco.Actors.Json.Parsing;

namespace Falco.Actors.Plugins.CloudTrail.Reading;

/// <summary>
/// Splits a CloudTrail log file into its records while reading it, keeping only the record being assembled in
/// memory. Same rule as the Go plugin's <c>extractRecordStrings</c>: brace depth is counted outside JSON strings
/// (with <c>\</c> escapes), and every complete object that opens at depth 1 is one record, so
/// <c>{"Records":[{..},{..}]}</c> yields the array's elements and <c>{"Records":[]}</c> none. Records are the
/// original bytes (nothing is re-serialised). An unterminated trailing record or a stray <c>}</c> is reported.
/// A record longer than the size limit (the plugin's <c>maxRecordSize</c>; Falco's Go plugin has none) is reported
/// and skipped: as soon as it has outgrown the limit its bytes are dropped and only its end is looked for, so memory
/// stays bounded by the limit whatever the input holds.
/// </summary>
public sealed class RecordSplitter
{
    private const int ReadSize = 64 * 1024;

    /// <summary>The size of a read buffer (larger only for a record that does not fit).</summary>
    public const int BufferSize = ReadSize * 2;

    /// <summary>The default longest record: 64 MiB (a CloudTrail record is at most a few hundred KB).</summary>
    public const int DefaultMaxRecordSize = 64 * 1024 * 1024;

    private Stream _stream;
    private string _file;
    private readonly Action<RecordProblem> _report;
    private readonly IRecordBuffers? _buffers;
    private readonly int _maxRecordSize;
    private byte[] _buffer;
    private int _length;
    private int _scan;
    private long _base;
    private int _depth;
    private bool _inString;
    private bool _escape;
    private int _recordStart = -1;
    private bool _eof;
    private bool _sawObject;
    private long _firstContent = -1;
    // The file position where the record being skipped for its size starts, or -1.
    private long _oversizedStart = -1;

    public RecordSplitter(Stream stream, string file, Action<RecordProblem> report, int maxRecordSize = DefaultMaxRecordSize)
        : this(stream, file, report, buffers: null, maxRecordSize)
    {
    }

    /// <param name="buffers">
    /// Null: one buffer, reused (records are valid until the next call). Else: when the splitter needs room it
    /// continues in a buffer rented from there and retires the old one instead of overwriting it, so records stay
    /// valid until their buffer is reused by whoever it was retired to.
    /// </param>
    /// <param name="maxRecordSize">The longest record, in bytes; a longer one is reported and skipped.</param>
    internal RecordSplitter(Stream stream, string file, Action<RecordProblem> report, IRecordBuffers? buffers,
        int maxRecordSize = DefaultMaxRecordSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRecordSize);
        _maxRecordSize = maxRecordSize;
        _stream = stream;
        _file = file;
        _report = report;
        _buffers = buffers;
        _buffer = buffers?.Rent(BufferSize) ?? new byte[BufferSize];
    }

    /// <summary>
    /// With rented buffers: retires the current buffer (its records stay valid) and continues in a fresh one. Call
    /// between files, when no record is being assembled.
    /// </summary>
    internal void RetireBuffer()
    {
        if (_buffers is null)
        {
            return;
        }
        var old = _buffer;
        _buffer = _buffers.Rent(BufferSize);
        _length = 0;
        _scan = 0;
        _recordStart = -1;
        _buffers.Retire(old);
    }

    /// <summary>
    /// Starts over on another file, keeping the (grown) buffer so that a reader splitting many files allocates
    /// it once.
    /// </summary>
    public void Reset(Stream stream, string file)
    {
        _stream = stream;
        _file = file;
        _length = 0;
        _scan = 0;
        _base = 0;
        _depth = 0;
        _inString = false;
        _escape = false;
        _recordStart = -1;
        _eof = false;
        _sawObject = false;
        _firstContent = -1;
        _oversizedStart = -1;
    }

    /// <summary>
    /// The next record's bytes and its byte position in the file, valid until the next call; false at the end of
    /// the file. Read errors of the stream (e.g. a corrupt gzip) propagate to the caller.
    /// </summary>
    public bool TryNext(out ReadOnlyMemory<byte> record, out long position)
    {
        while (true)
        {
            if (ScanForRecord(out record, out position))
            {
                return true;
            }
            if (_eof)
            {
                ReportEnd();
                return false;
            }
            Refill();
        }
    }

    private bool ScanForRecord(out ReadOnlyMemory<byte> record, out long position)
    {
        var i = _scan;
        // Until the first content byte is known, go byte by byte (it is almost always the file's first byte).
        while (_firstContent < 0 && i < _length)
        {
            if (Step(i, out record, out position))
            {
                return true;
            }
            i++;
        }
        if (Vector128.IsHardwareAccelerated)
        {
            if (ScanBlocks(ref i, out record, out position))
            {
                return true;
            }
        }
        for (; i < _length; i++)
        {
            if (Step(i, out record, out position))
            {
                return true;
            }
        }
        _scan = _length;
        record = default;
        position = 0;
        return false;
    }

    /// <summary>
    /// The same state machine as <see cref="Step"/>, 64 bytes at a time. Bit masks of quotes, backslashes and
    /// braces come from vector compares; escaped bytes are found with carries (odd runs of backslashes), the bytes
    /// inside strings with a prefix XOR of the unescaped quotes, and only the braces outside strings are then
    /// visited. A block with a backslash outside any string (not JSON) goes byte by byte, where such a backslash
    /// escapes nothing, so malformed files split exactly as before.
    /// </summary>
    private bool ScanBlocks(ref int i, out ReadOnlyMemory<byte> record, out long position)
    {
        ref var start = ref MemoryMarshal.GetArrayDataReference(_buffer);
        for (; i + 64 <= _length; i += 64)
        {
            ref var block = ref Unsafe.Add(ref start, i);
            var backslashes = JsonBits.Mask(ref block, (byte)'\\');
            var escaped = JsonBits.Escaped(backslashes, _escape ? 1UL : 0UL, out var nextEscaped);
            var quotes = JsonBits.Mask(ref block, (byte)'"') & ~escaped;
            var inString = JsonBits.PrefixXor(quotes) ^ (_inString ? ulong.MaxValue : 0UL);
            if ((backslashes & ~inString) != 0)
            {
                if (ScanBlockByBit(i, out record, out position))
                {
                    return true;
                }
                continue;
            }
            _escape = nextEscaped != 0;
            _inString = (long)inString < 0;
            var braces = (JsonBits.Mask(ref block, (byte)'{') | JsonBits.Mask(ref block, (byte)'}')) & ~inString;
            while (braces != 0)
            {
                var j = i + BitOperations.TrailingZeroCount(braces);
                braces &= braces - 1;
                if (Structural(_buffer[j], j, out record, out position))
                {
                    // A record ends outside strings: the scan resumes after it with no string or escape open.
                    _inString = false;
                    _escape = false;
                    return true;
                }
            }
        }
        record = default;
        position = 0;
        return false;
    }

    /// <summary>One 64-byte block through <see cref="Step"/>'s rules, visiting its quotes, backslashes and braces.</summary>
    private bool ScanBlockByBit(int i, out ReadOnlyMemory<byte> record, out long position)
    {
        ref var block = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), i);
        var mask = JsonBits.Mask(ref block, (byte)'"') | JsonBits.Mask(ref block, (byte)'\\') | JsonBits.Mask(ref block, (byte)'{') | JsonBits.Mask(ref block, (byte)'}');
        var escapedAt = _escape ? i : -1;
        _escape = false;
        while (mask != 0)
        {
            var j = i + BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;
            var b = _buffer[j];
            if (_inString)
            {
                if (j == escapedAt)
                {
                    continue;
                }
                if (b == '\\')
                {
                    escapedAt = j + 1;
                }
                else if (b == '"')
                {
                    _inString = false;
                }
                continue;
            }
            if (Structural(b, j, out record, out position))
            {
                return true;
            }
        }
        _escape = escapedAt == i + 64;
        record = default;
        position = 0;
        return false;
    }

    /// <summary>One byte through the splitter's state machine; true when it closes a record.</summary>
    private bool Step(int i, out ReadOnlyMemory<byte> record, out long position)
    {
        var b = _buffer[i];
        record = default;
        position = 0;
        if (_inString)
        {
            if (_escape)
            {
                _escape = false;
            }
            else if (b == '\\')
            {
                _escape = true;
            }
            else if (b == '"')
            {
                _inString = false;
            }
            return false;
        }
        if (_firstContent < 0 && b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            _firstContent = _base + i;
        }
        return Structural(b, i, out record, out position);
    }

    /// <summary>A byte outside strings: quotes open a string, braces count depth and close records.</summary>
    private bool Structural(byte b, int i, out ReadOnlyMemory<byte> record, out long position)
    {
        switch (b)
        {
            case (byte)'"':
                _inString = true;
                break;
            case (byte)'{':
                _sawObject = true;
                if (_depth == 1)
                {
                    _recordStart = i;
                }
                _depth++;
                break;
            case (byte)'}':
                _depth--;
                if (_depth < 0)
                {
                    _report(new RecordProblem(_file, _base + i, "unexpected '}' outside any object"));
                    _depth = 0;
                }
                else if (_depth == 1 && _recordStart >= 0)
                {
                    var start = _recordStart;
                    _recordStart = -1;
                    if (i + 1 - start > _maxRecordSize)
                    {
                        ReportOversized(_base + start, i + 1 - start);
                        break;
                    }
                    _scan = i + 1;
                    record = new ReadOnlyMemory<byte>(_buffer, start, i + 1 - start);
                    position = _base + start;
                    return true;
                }
                else if (_depth == 1 && _oversizedStart >= 0)
                {
                    ReportOversized(_oversizedStart, _base + i + 1 - _oversizedStart);
                    _oversizedStart = -1;
                }
                break;
        }
        record = default;
        position = 0;
        return false;
    }

    private void ReportOversized(long start, long size) =>
        _report(new RecordProblem(_file, start,
            $"record of {size} bytes is larger than maxRecordSize ({_maxRecordSize} bytes): skipped", ProblemKind.RecordTooBig));

    private void Refill()
    {
        if (_recordStart >= 0 && _length - _recordStart >= _maxRecordSize)
        {
            // The record cannot be kept: forget its bytes and only look for its end (depth and strings still counted).
            _oversizedStart = _base + _recordStart;
            _recordStart = -1;
        }
        // Keep only the record being assembled; everything before it has been handed out or is framing.
        var keep = _recordStart >= 0 ? _recordStart : _length;
        if (_buffers is not null)
        {
            if (_buffer.Length - _length < ReadSize)
            {
                // Leave the handed-out records where they are: go on in a fresh buffer with the partial record only.
                var old = _buffer;
                _buffer = _buffers.Rent(_length - keep + ReadSize);
                old.AsSpan(keep, _length - keep).CopyTo(_buffer);
                Shift(keep);
                _buffers.Retire(old);
            }
        }
        else
        {
            if (keep > 0)
            {
                Buffer.BlockCopy(_buffer, keep, _buffer, 0, _length - keep);
                Shift(keep);
            }
            if (_buffer.Length - _length < ReadSize)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + ReadSize));
            }
        }
        var n = _stream.Read(_buffer, _length, _buffer.Length - _length);
        if (n == 0)
        {
            _eof = true;
        }
        _length += n;
    }

    /// <summary>The bookkeeping of dropping the buffer's first <paramref name="count"/> bytes.</summary>
    private void Shift(int count)
    {
        _length -= count;
        _scan -= count;
        _base += count;
        if (_recordStart >= 0)
        {
            _recordStart -= count;
        }
    }

    private void ReportEnd()
    {
        if (_oversizedStart >= 0)
        {
            _report(new RecordProblem(_file, _oversizedStart,
                $"truncated record larger than maxRecordSize ({_maxRecordSize} bytes): the file ends after {_base + _length - _oversizedStart} bytes of it",
                ProblemKind.RecordTooBig));
            _oversizedStart = -1;
        }
        else if (_recordStart >= 0)
        {
            _report(new RecordProblem(_file, _base + _recordStart, "truncated record: the file ends before the record's closing '}'"));
            _recordStart = -1;
        }
        else if (_depth != 0 || _inString)
        {
            _report(new RecordProblem(_file, _base + _length, "truncated file: it ends inside a JSON value"));
        }
        else if (!_sawObject && _firstContent >= 0)
        {
            _report(new RecordProblem(_file, _firstContent, "not a CloudTrail log: the file holds no JSON object"));
        }
        _depth = 0;
        _inString = false;
    }
}
