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
    public static byte[] Events(byte[] gzipped)
    {
        using var inflated = Inflate(gzipped);
        var body = inflated.GetBuffer().AsSpan(0, (int)inflated.Length);
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

            return start < 0 ? [] : body[(int)start..(int)end].ToArray();
        }

        throw new InvalidDataException("A stored batch has no events.");
    }

    private static MemoryStream Inflate(byte[] gzipped)
    {
        var inflated = new MemoryStream(gzipped.Length * 8);
        using (var gzip = new GZipStream(new MemoryStream(gzipped, writable: false), CompressionMode.Decompress))
        {
            gzip.CopyTo(inflated);
        }

        return inflated;
    }
}
