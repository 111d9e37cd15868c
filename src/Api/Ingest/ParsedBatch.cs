namespace SessionKit.Api.Ingest;

/// <summary>
/// A batch body that passed validation. <paramref name="EventsJson"/> is the exact bytes between the
/// events array's brackets, so events are stored as sent. <paramref name="SnapshotOffset"/> is where,
/// in those bytes, the batch's last full snapshot begins (null without one): live viewers joining
/// later start from there.
/// </summary>
public sealed record ParsedBatch(
    long Seq,
    int EventCount,
    byte[] EventsJson,
    IReadOnlyList<string> PageUrls,
    long? MinTimestamp,
    long? MaxTimestamp,
    int? SnapshotOffset);
