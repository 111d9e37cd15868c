namespace SessionKit.Silo.Storage;

/// <summary>
/// One acknowledged batch, stored at once so the acknowledgement is durable, until it is compacted
/// into a chunk. <paramref name="EventsJson"/> is the batch's events as UTF-8 JSON joined by commas,
/// without the enclosing brackets, exactly as the client sent them. <paramref name="LargeStrings"/>: where its
/// string values of at least <see cref="LargeStrings.MinimumBytes"/> are, when ingest's parser found them (not
/// stored: a batch read back from storage has null, and they are looked for again). <paramref name="Received"/>:
/// the request body as the client sent it, gzipped, which storage keeps instead of the events when there is one.
/// </summary>
public sealed record PendingBatch(
    string SessionId, long Ordinal, long Seq, int EventCount, ReadOnlyMemory<byte> EventsJson, IReadOnlyList<TokenRange>? LargeStrings = null,
    byte[]? Received = null);

/// <summary>
/// Consecutive batches [FirstOrdinal, LastOrdinal] compacted and compressed with <paramref name="Codec"/>.
/// Decompressed, <paramref name="Data"/> is those batches' event JSON joined by commas; with
/// <see cref="SegmentCodec.BrotliWithBlobs"/>, large strings in it are references to <see cref="Blobs"/>.
/// </summary>
public sealed record EventChunk(
    string SessionId, long FirstOrdinal, long LastOrdinal, int EventCount, long RawBytes, string Codec, byte[] Data)
{
    /// <summary>Large strings the chunk refers to, stored once per session however many chunks repeat them.</summary>
    public IReadOnlyList<SessionBlob> Blobs { get; init; } = [];
}

/// <summary>
/// A large JSON string of a session's events (a style sheet, a big text), stored once per session by the
/// SHA-256 of its bytes (<paramref name="Hash"/>, lower-case hex); <paramref name="Data"/> is the string
/// token as sent, quotes included, Brotli-compressed.
/// </summary>
public sealed record SessionBlob(string Hash, byte[] Data);

/// <summary>A piece of a session's event stream, in ordinal order: a chunk, or a pending batch with codec "identity".</summary>
public sealed record StoredSegment(long FirstOrdinal, string Codec, byte[] Data);
