using System.Buffers;

namespace SessionKit.Testing.Live;

/// <summary>
/// Accumulates received bytes and cuts them into records ended by 0x1E, the SignalR text
/// protocol's separator. Frame boundaries do not matter: a record may span several WebSocket
/// frames and one frame may carry several records. 0x1E never occurs inside UTF-8 multi-byte
/// sequences, and JSON escapes it inside strings, so a plain byte search is exact.
/// Not thread-safe: owned by one receive loop.
/// </summary>
internal sealed class RecordSeparatedBuffer
{
    public const byte Separator = 0x1E;

    private readonly ArrayBufferWriter<byte> _pending = new();

    /// <summary>Bytes received after the last complete record.</summary>
    public int PendingCount => _pending.WrittenCount;

    /// <summary>A writable span of at least <paramref name="sizeHint"/> bytes; call <see cref="Advance"/> after filling it.</summary>
    public Memory<byte> GetMemory(int sizeHint) => _pending.GetMemory(sizeHint);

    public void Advance(int count) => _pending.Advance(count);

    public void Append(ReadOnlySpan<byte> bytes) => _pending.Write(bytes);

    /// <summary>Removes and returns every complete record (without its separator), oldest first.</summary>
    public IReadOnlyList<byte[]> TakeRecords()
    {
        var written = _pending.WrittenSpan;
        var last = written.LastIndexOf(Separator);
        if (last < 0)
        {
            return [];
        }

        var records = new List<byte[]>();
        var rest = written[..(last + 1)];
        while (rest.Length > 0)
        {
            var end = rest.IndexOf(Separator);
            records.Add(rest[..end].ToArray());
            rest = rest[(end + 1)..];
        }

        var remainder = written[(last + 1)..].ToArray();
        _pending.ResetWrittenCount();
        _pending.Write(remainder);
        return records;
    }
}
