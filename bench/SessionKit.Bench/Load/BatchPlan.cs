using System.IO.Compression;
using System.Text;

namespace SessionKit.Bench.Load;

/// <summary>How sdk-js cuts batches (its defaults: docs/sdk.md): on time after the first buffered event, on count, on size.</summary>
internal sealed record SdkBatching(TimeSpan FlushInterval, int MaxBatchEvents, int MaxBatchBytes, bool Gzip)
{
    public static SdkBatching Default { get; } = new(TimeSpan.FromSeconds(5), 500, 256 * 1024, Gzip: true);
}

/// <summary>
/// One batch as the SDK would send it: its body built (and gzipped) once, so every session replaying
/// the recording and every retry sends the very same bytes; <see cref="Due"/> is when the SDK cuts it,
/// counted from the session's start at the planned speed.
/// </summary>
internal sealed record PlannedBatch(long Seq, int FirstEvent, int EventCount, long EventBytes, TimeSpan Due, byte[] Body, bool Gzipped);

/// <summary>A recording cut into the batches an SDK would send for it.</summary>
internal sealed class BatchPlan
{
    private BatchPlan(Recording recording, IReadOnlyList<PlannedBatch> batches) => (Recording, Batches) = (recording, batches);

    public Recording Recording { get; }

    public IReadOnlyList<PlannedBatch> Batches { get; }

    /// <summary>Bytes on the wire for the whole recording (gzipped when the batching says so).</summary>
    public long WireBytes => Batches.Sum(b => (long)b.Body.Length);

    /// <summary>
    /// Replays the SDK's batching over the recording played <paramref name="speed"/> times faster: an event
    /// is recorded when its timestamp comes (an event stamped earlier than the one before it comes right
    /// after that one, as the recorder emitted it); the flush timer starts at the first buffered event.
    /// </summary>
    public static BatchPlan Create(Recording recording, SdkBatching batching, double speed)
    {
        var events = recording.Events;
        var batches = new List<PlannedBatch>();
        var (first, count, bytes) = (0, 0, 0L);
        TimeSpan? timer = null;
        var origin = events[0].Timestamp;
        var emitted = origin;

        void Cut(TimeSpan at)
        {
            batches.Add(Build(batches.Count, recording, first, count, at, batching.Gzip));
            (first, count, bytes, timer) = (first + count, 0, 0, null);
        }

        for (var i = 0; i < events.Count; i++)
        {
            emitted = Math.Max(emitted, events[i].Timestamp);
            var at = TimeSpan.FromMilliseconds((emitted - origin) / speed);
            if (timer is { } due && due <= at)
            {
                Cut(due);
            }

            var length = events[i].Json.Length;
            if (count > 0 && bytes + length > batching.MaxBatchBytes)
            {
                Cut(at);
            }

            count++;
            bytes += length + 1;
            if (count >= batching.MaxBatchEvents || bytes >= batching.MaxBatchBytes)
            {
                Cut(at);
            }
            else
            {
                timer ??= at + batching.FlushInterval;
            }
        }

        if (count > 0)
        {
            Cut(timer!.Value);
        }

        return new BatchPlan(recording, batches);
    }

    private static PlannedBatch Build(long seq, Recording recording, int first, int count, TimeSpan due, bool gzip)
    {
        using var raw = new MemoryStream();
        raw.Write(Encoding.UTF8.GetBytes($"{{\"seq\":{seq},\"events\":["));
        long eventBytes = 0;
        for (var i = first; i < first + count; i++)
        {
            if (i > first)
            {
                raw.WriteByte((byte)',');
            }

            raw.Write(recording.Events[i].Json);
            eventBytes += recording.Events[i].Json.Length;
        }

        raw.Write("]}"u8);
        var body = raw.ToArray();
        if (gzip)
        {
            // The SDK gzips with the browser's CompressionStream, which is zlib's default level as well.
            using var zipped = new MemoryStream();
            using (var stream = new GZipStream(zipped, CompressionLevel.Optimal, leaveOpen: true))
            {
                stream.Write(body);
            }

            body = zipped.ToArray();
        }

        return new PlannedBatch(seq, first, count, eventBytes, due, body, gzip);
    }
}
