using System.Text.Json.Serialization;
using SessionKit.Grains.Live;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Sessions;

public sealed record StartSession(
    string ProjectId,
    string? VisitorId,
    string? TabId,
    string? Url,
    string? Referrer,
    string? UserAgent,
    int? ScreenWidth,
    int? ScreenHeight,
    DateTimeOffset StartedAt);

public enum StartSessionOutcome
{
    Created,
    AlreadyExists,
    OwnedByAnotherProject,
}

public sealed record StartSessionResult(StartSessionOutcome Outcome, SessionRecord? Session);

/// <summary>
/// A validated batch. <paramref name="EventsJson"/> is the events as sent, UTF-8, joined by commas
/// without brackets (a slice of the request body, not a copy); the summary fields were read from them by the ingest parser, including where
/// the batch's last full snapshot begins (<paramref name="SnapshotOffset"/>, null without one), and where
/// its large strings and full snapshots are (<paramref name="Layout"/>; null when not known), so the grain
/// finds them without reading the batch again. <paramref name="Received"/>: the request body as the client
/// sent it, gzipped (null when it came uncompressed), which storage keeps instead of the events, and which
/// alone carries the events between nodes (<see cref="AppendBatchJsonConverter"/>).
/// </summary>
[JsonConverter(typeof(AppendBatchJsonConverter))]
public sealed record AppendBatch(
    string ProjectId,
    long Seq,
    int EventCount,
    ReadOnlyMemory<byte> EventsJson,
    IReadOnlyList<string> PageUrls,
    long? MinTimestamp,
    long? MaxTimestamp,
    int? SnapshotOffset = null,
    BatchLayout? Layout = null,
    byte[]? Received = null);

public enum AppendBatchOutcome
{
    Stored,
    Duplicate,
    UnknownSession,

    /// <summary>Neither stored nor acknowledged: the seq is older than the session can tell stored or not (see SeqWindow).</summary>
    SeqTooOld,
}

/// <summary>The outcome, and what the SDK should do for the session's live viewers.</summary>
public sealed record AppendBatchResult(
    AppendBatchOutcome Outcome, LiveDirective? Live = null, bool TakeFullSnapshot = false, bool ConsentRequested = false);
