namespace Falco.Actors.Plugins.CloudTrail.Reading;

/// <summary>
/// Splits a CloudTrail log file into its records while reading it, keeping only the record being assembled in
/// memory. Same rule as the Go plugin's <c>extractRecordStrings</c>: brace depth is counted outside JSON strings
/// (with <c>\</c> escapes), and every complete object that opens at depth 1 is one record, so
/// <c>{"Records":[{..},{..}]}</c> yields the array's elements and <c>{"Records":[]}</c> none. Records are the
/// original bytes (nothing is re-serialised). An unterminated trailing record or a stray <c>}</c> is reported.
/// </summary>
public sealed class RecordSplitter
{
    private const int ReadSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly string _file;
    private readonly Action<RecordProblem> _report;
    private byte[] _buffer = new byte[ReadSize * 2];
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

    public RecordSplitter(Stream stream, string file, Action<RecordProblem> report)
    {
        _stream = stream;
        _file = file;
        _report = report;
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
        var buffer = _buffer;
        for (var i = _scan; i < _length; i++)
        {
            var b = buffer[i];
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
                continue;
            }
            if (_firstContent < 0 && b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                _firstContent = _base + i;
            }
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
                        _scan = i + 1;
                        record = new ReadOnlyMemory<byte>(buffer, start, i + 1 - start);
                        position = _base + start;
                        return true;
                    }
                    break;
            }
        }
        _scan = _length;
        record = default;
        position = 0;
        return false;
    }

    private void Refill()
    {
        // Keep only the record being assembled; everything before it has been handed out or is framing.
        var keep = _recordStart >= 0 ? _recordStart : _length;
        if (keep > 0)
        {
            Buffer.BlockCopy(_buffer, keep, _buffer, 0, _length - keep);
            _length -= keep;
            _scan -= keep;
            _base += keep;
            if (_recordStart >= 0)
            {
                _recordStart = 0;
            }
        }
        if (_buffer.Length - _length < ReadSize)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + ReadSize));
        }
        var n = _stream.Read(_buffer, _length, _buffer.Length - _length);
        if (n == 0)
        {
            _eof = true;
        }
        _length += n;
    }

    private void ReportEnd()
    {
        if (_recordStart >= 0)
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
