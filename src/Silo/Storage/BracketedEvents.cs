using System.Buffers;

namespace SessionKit.Silo.Storage;

/// <summary>
/// Events as batches and stored segments carry them (UTF-8 JSON joined by commas, no brackets) bracketed into one
/// JSON array that a reader or <c>JsonDocument</c> can take, in a pooled buffer: batches carry megabyte snapshots,
/// and a fresh array each time would be a large-object allocation per batch. Offsets into it are the events'
/// offsets plus one (the bracket). Dispose returns the buffer; nothing may use <see cref="Memory"/> after.
/// </summary>
public readonly struct BracketedEvents : IDisposable
{
    private readonly byte[] _buffer;
    private readonly int _length;

    // Where strings were cut (their start in the events) and by how many bytes, for Map.
    private readonly List<(int Start, int Removed)>? _cuts;

    public BracketedEvents(ReadOnlySpan<byte> events)
    {
        _length = events.Length + 2;
        _buffer = ArrayPool<byte>.Shared.Rent(_length);
        _buffer[0] = (byte)'[';
        events.CopyTo(_buffer.AsSpan(1));
        _buffer[_length - 1] = (byte)']';
    }

    private BracketedEvents(byte[] buffer, int length, List<(int, int)> cuts) => (_buffer, _length, _cuts) = (buffer, length, cuts);

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, _length);

    /// <summary>Where a range of the events (never starting or ending inside a cut string) is in <see cref="Memory"/>.</summary>
    public TokenRange Map(TokenRange range)
    {
        var start = Map(range.Start);
        return new TokenRange(start, Map(range.Start + range.Length) - start);
    }

    private int Map(int offset)
    {
        var removed = 0;
        foreach (var (start, bytes) in _cuts ?? [])
        {
            if (start >= offset)
            {
                break;
            }

            removed += bytes;
        }

        return offset + 1 - removed;
    }

    /// <summary>
    /// The events bracketed with each of the string tokens <paramref name="strings"/> (in order) cut to the first
    /// <paramref name="keptBytes"/> of its raw content (given the content between the quotes, it must answer a
    /// length that ends a character: <see cref="JsonStringTokens.WholePrefix"/>), for readers that look at the start
    /// of long strings at most: inlined style sheets and images are most of a snapshot's bytes, and then none of
    /// them need be copied or parsed. Offsets do not match the events'.
    /// </summary>
    public static BracketedEvents WithLongStringsCut(ReadOnlySpan<byte> events, IReadOnlyList<TokenRange> strings, Func<ReadOnlySpan<byte>, int> keptBytes)
    {
        if (strings.Count == 0)
        {
            return new BracketedEvents(events);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(events.Length + 2);
        buffer[0] = (byte)'[';
        var written = 1;
        var copied = 0;
        var cuts = new List<(int, int)>(strings.Count);
        foreach (var (start, length) in strings)
        {
            var content = events.Slice(start + 1, length - 2);
            var kept = start + 1 + Math.Clamp(keptBytes(content), 0, content.Length);
            events[copied..kept].CopyTo(buffer.AsSpan(written));
            written += kept - copied;
            buffer[written++] = (byte)'"';
            copied = start + length;
            cuts.Add((start, start + length - kept - 1));
        }

        events[copied..].CopyTo(buffer.AsSpan(written));
        written += events.Length - copied;
        buffer[written++] = (byte)']';
        return new BracketedEvents(buffer, written, cuts);
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}
