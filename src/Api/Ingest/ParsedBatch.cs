namespace SessionKit.Api.Ingest;

/// <summary>
/// A batch body that passed validation. <paramref name="EventsJson"/> is the exact bytes between the
/// events array's brackets, so events are stored as sent.
/// </summary>
public sealed record ParsedBatch(
    long Seq, int EventCount, byte[] EventsJson, IReadOnlyList<string> PageUrls, long? MinTimestamp, long? MaxTimestamp);
