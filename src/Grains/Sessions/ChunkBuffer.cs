using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Sessions;

/// <summary>Acknowledged batches waiting to be compacted into one compressed chunk.</summary>
public sealed class ChunkBuffer
{
    private readonly List<PendingBatch> _batches = [];

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
        var (codec, data, blobs) = SegmentCodec.Encode(_batches.Select(b => b.EventsJson), out var rawBytes);
        return new EventChunk(
            sessionId, _batches[0].Ordinal, _batches[^1].Ordinal, _batches.Sum(b => b.EventCount), rawBytes, codec, data)
        {
            Blobs = blobs,
        };
    }

    public void Clear()
    {
        _batches.Clear();
        Bytes = 0;
    }
}
