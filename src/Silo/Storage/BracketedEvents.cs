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

    public BracketedEvents(ReadOnlySpan<byte> events)
    {
        _length = events.Length + 2;
        _buffer = ArrayPool<byte>.Shared.Rent(_length);
        _buffer[0] = (byte)'[';
        events.CopyTo(_buffer.AsSpan(1));
        _buffer[_length - 1] = (byte)']';
    }

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, _length);

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}
