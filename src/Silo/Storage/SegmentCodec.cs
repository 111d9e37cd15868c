using System.IO.Compression;
using System.Runtime.InteropServices;

namespace SessionKit.Silo.Storage;

/// <summary>
/// Compresses chunks and opens stored segments for reading. One place knows the codec names,
/// so writers and readers cannot drift apart.
/// </summary>
public static class SegmentCodec
{
    public const string Identity = "identity";
    public const string Brotli = "br";

    /// <summary>Brotli, with the chunk's large strings replaced by references to the session's blobs (<see cref="LargeStrings"/>).</summary>
    public const string BrotliWithBlobs = "br+blobs";

    /// <summary>A pending batch as the client sent it: its gzipped request body (<see cref="PendingBatchBody"/>).</summary>
    public const string GzipBatch = "gzip+batch";

    private static readonly byte[] Comma = ","u8.ToArray();

    /// <summary>Raw JSON to compressed chunk: the fixtures' chunks are an 8th to a 38th of their JSON, most under a 16th.</summary>
    private const int ExpectedRatio = 16;

    /// <summary>
    /// Joins batches' event JSON with commas into one chunk: large strings go to blobs (stored once per
    /// session), the rest is compressed. <paramref name="rawBytes"/> counts the JSON as sent.
    /// </summary>
    /// <param name="alreadyStored">
    /// Blob hashes the session's storage holds already: the chunk refers to them without compressing them
    /// again (a style sheet repeated in every snapshot is compressed once, not once per chunk).
    /// </param>
    /// <param name="compressedBlobs">Blobs other sessions compressed lately, taken from there rather than compressed again.</param>
    public static (string Codec, byte[] Data, IReadOnlyList<SessionBlob> Blobs) Encode(
        IEnumerable<PendingBatch> batches, out long rawBytes, IReadOnlySet<string>? alreadyStored = null, CompressedBlobCache? compressedBlobs = null)
    {
        var tokens = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var sent = batches.Where(batch => batch.EventsJson.Length > 0).ToList();
        rawBytes = sent.Sum(batch => (long)batch.EventsJson.Length) + Math.Max(0, sent.Count - 1);
        var data = CompressJoined(sent, tokens, rawBytes);
        if (tokens.Count == 0)
        {
            return (Brotli, data, []);
        }

        return (BrotliWithBlobs, data, [.. tokens
            .Where(token => alreadyStored?.Contains(token.Key) != true)
            .Select(token => new SessionBlob(token.Key, compressedBlobs?.GetOrCompress(token.Key, token.Value) ?? SessionBlobCodec.Compress(token.Value)))]);
    }

    /// <summary>
    /// A stream of the segment's decompressed event JSON (comma-joined, no brackets), as it was sent;
    /// <paramref name="blobs"/> gives the large strings a <see cref="BrotliWithBlobs"/> chunk refers to.
    /// </summary>
    public static async Task<Stream> OpenReadAsync(StoredSegment segment, SessionBlobReader blobs, CancellationToken cancellationToken)
    {
        if (segment.Codec != BrotliWithBlobs)
        {
            return OpenRead(segment);
        }

        byte[] data;
        await using (var compressed = new BrotliStream(new MemoryStream(segment.Data, writable: false), CompressionMode.Decompress))
        using (var buffer = new MemoryStream())
        {
            await compressed.CopyToAsync(buffer, cancellationToken);
            data = buffer.ToArray();
        }

        var restored = new MemoryStream(data.Length * 2);
        await LargeStrings.RestoreAsync(data, hash => blobs.GetAsync(hash, cancellationToken), restored, cancellationToken);
        restored.Position = 0;
        return restored;
    }

    /// <summary>A stream of a segment that refers to no blobs (a pending batch, or a plain Brotli chunk).</summary>
    public static Stream OpenRead(StoredSegment segment) => segment.Codec switch
    {
        Identity or GzipBatch => ReadOnlyStream(PendingEvents(segment.Codec, segment.Data)),
        Brotli => new BrotliStream(new MemoryStream(segment.Data, writable: false), CompressionMode.Decompress),
        BrotliWithBlobs => throw new InvalidOperationException("This segment refers to large strings: read it with OpenReadAsync."),
        _ => throw new InvalidDataException($"Unknown segment codec '{segment.Codec}'."),
    };

    /// <summary>A pending batch's events as stored with <paramref name="codec"/> (<see cref="Identity"/> or <see cref="GzipBatch"/>).</summary>
    public static ReadOnlyMemory<byte> PendingEvents(string codec, byte[] data) => codec switch
    {
        Identity => data,
        GzipBatch => PendingBatchBody.Events(data),
        _ => throw new InvalidDataException($"Unknown pending batch codec '{codec}'."),
    };

    /// <summary>How a pending batch is stored: as the client sent it when it came gzipped, else as its events.</summary>
    public static (string Codec, byte[] Data) PendingStorage(PendingBatch batch) =>
        batch.Received is { } received ? (GzipBatch, received) : (Identity, batch.EventsJson.ToArray());

    private static MemoryStream ReadOnlyStream(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);

    /// <summary>The batches' events joined by commas, their large strings taken out into <paramref name="tokens"/>, compressed.</summary>
    private static byte[] CompressJoined(List<PendingBatch> batches, Dictionary<string, byte[]> tokens, long rawBytes)
    {
        // Sized for what the JSON usually compresses to, so the output rarely grows (each growth a copy of a large array).
        using var output = new MemoryStream((int)Math.Min(rawBytes / ExpectedRatio + 4096, Array.MaxLength));
        // Quality 5 with a 4 MiB window: most of Brotli's ratio on repetitive DOM JSON at a fraction of quality 11's cost.
        using (var brotli = new BrotliStream(output, new BrotliCompressionOptions { Quality = 5 }, leaveOpen: true))
        {
            for (var i = 0; i < batches.Count; i++)
            {
                if (i > 0)
                {
                    brotli.Write(Comma);
                }

                LargeStrings.WriteExtracted(batches[i].EventsJson.Span, tokens, batches[i].LargeStrings, brotli);
            }
        }

        return output.ToArray();
    }
}
