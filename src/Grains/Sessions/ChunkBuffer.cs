using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Sessions;

/// <summary>Acknowledged batches waiting to be compacted into one compressed chunk.</summary>
/// <param name="compressedBlobs">The node's lately compressed large strings, shared with other sessions (null: none shared).</param>
public sealed class ChunkBuffer(CompressedBlobCache? compressedBlobs = null)
{
    /// <summary>Bounds the memory of <see cref="_storedBlobs"/>; past it, repeats are compressed again (and stored once anyway).</summary>
    private const int MaxRememberedBlobs = 1024;

    private readonly List<PendingBatch> _batches = [];

    // The large strings this activation saw stored for the session: they outlive the batches (Clear).
    private readonly HashSet<string> _storedBlobs = new(StringComparer.Ordinal);

    public long Bytes { get; private set; }

    public DateTimeOffset OldestAt { get; private set; }

    public bool IsEmpty => _batches.Count == 0;

    public void Add(PendingBatch batch, DateTimeOffset now)
    {
        if (_batches.Count == 0)
        {
            OldestAt = now;
        }

        _batches.Add(batch);
        Bytes += batch.EventsJson.Length;
    }

    public EventChunk ToChunk(string sessionId)
    {
        var (codec, data, blobs) = SegmentCodec.Encode(_batches, out var rawBytes, _storedBlobs, compressedBlobs);
        return new EventChunk(
            sessionId, _batches[0].Ordinal, _batches[^1].Ordinal, _batches.Sum(b => b.EventCount), rawBytes, codec, data)
        {
            Blobs = blobs,
        };
    }

    /// <summary>After <paramref name="chunk"/> was written: its blobs are in storage from now on.</summary>
    public void Stored(EventChunk chunk)
    {
        foreach (var blob in chunk.Blobs)
        {
            if (_storedBlobs.Count >= MaxRememberedBlobs)
            {
                return;
            }

            _storedBlobs.Add(blob.Hash);
        }
    }

    public void Clear()
    {
        _batches.Clear();
        Bytes = 0;
    }
}
