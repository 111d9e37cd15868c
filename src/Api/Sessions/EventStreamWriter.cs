using System.Buffers;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Sessions;

/// <summary>
/// Writes a session's events as one JSON array straight from stored segments: each segment is
/// decompressed into the response as it is read, so even a very large session never sits in memory whole.
/// </summary>
public static class EventStreamWriter
{
    private static readonly byte[] Open = "["u8.ToArray();
    private static readonly byte[] Comma = ","u8.ToArray();
    private static readonly byte[] Close = "]"u8.ToArray();

    public static async Task WriteAsync(
        IAsyncEnumerable<StoredSegment> segments, SessionBlobReader blobs, Stream output, CancellationToken cancellationToken)
    {
        await output.WriteAsync(Open, cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var wroteAny = false;
            await foreach (var segment in segments.WithCancellation(cancellationToken))
            {
                await using var events = await SegmentCodec.OpenReadAsync(segment, blobs, cancellationToken);
                var read = await events.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    // A batch of zero events stores nothing; a comma for it would break the array.
                    continue;
                }

                if (wroteAny)
                {
                    await output.WriteAsync(Comma, cancellationToken);
                }

                do
                {
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                while ((read = await events.ReadAsync(buffer, cancellationToken)) > 0);

                wroteAny = true;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        await output.WriteAsync(Close, cancellationToken);
    }
}
