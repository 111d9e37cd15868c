using System.IO.Compression;
using System.Text.Json;

namespace SessionKit.Silo.Storage;

/// <summary>
/// A pending batch stored as the client sent it (<see cref="SegmentCodec.GzipBatch"/>): the gzipped request body
/// <c>{"seq":n,"events":[...]}</c>, validated at ingest. Its events are the bytes from the array's first event to
/// the end of its last, exactly the slice ingest took.
/// </summary>
public static class PendingBatchBody
{
    /// <summary>The events, sliced out of the inflated body rather than copied.</summary>
    public static ReadOnlyMemory<byte> Events(byte[] gzipped)
    {
        var inflated = Inflate(gzipped);
        var body = inflated.AsSpan();
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 512 });
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var events = reader.ValueTextEquals("events"u8);
            reader.Read();
            if (!events)
            {
                reader.Skip();
                continue;
            }

            long start = -1, end = -1;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                start = start < 0 ? reader.TokenStartIndex : start;
                reader.Skip();
                end = reader.BytesConsumed;
            }

            return start < 0 ? ReadOnlyMemory<byte>.Empty : inflated.AsMemory((int)start, (int)(end - start));
        }

        throw new InvalidDataException("A stored batch has no events.");
    }

    private static ArraySegment<byte> Inflate(byte[] gzipped)
    {
        // Sized from the gzip trailer (ISIZE: this node validated the body at ingest), so the events sliced out of
        // the buffer do not keep a doubled one alive.
        var inflated = new MemoryStream(InflatedSize(gzipped));
        using (var gzip = new GZipStream(new MemoryStream(gzipped, writable: false), CompressionMode.Decompress))
        {
            gzip.CopyTo(inflated);
        }

        return new ArraySegment<byte>(inflated.GetBuffer(), 0, (int)inflated.Length);
    }

    /// <summary>The trailer's size, believed up to deflate's largest ratio (1032:1): a damaged one cannot ask for the whole heap.</summary>
    private static int InflatedSize(byte[] gzipped) =>
        GzipTrailer.InflatedSize(gzipped, maxRatio: 1032) is > 0 and var size ? (int)Math.Min(size, Array.MaxLength) : gzipped.Length * 8;
}
