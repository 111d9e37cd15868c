using System.Text;
using SessionKit.Silo.Storage;
using SessionKit.Testing;

namespace SessionKit.Silo.Tests.Storage;

internal static class TestData
{
    /// <summary>A fixed, millisecond-precise instant, so times compare exactly after a round trip.</summary>
    public static readonly DateTimeOffset Epoch = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public static string NewId(string kind) => $"{kind}-{Guid.NewGuid():N}";

    public static DateTimeOffset At(long msAfterEpoch) => Epoch.AddMilliseconds(msAfterEpoch);

    public static SessionRecord NewSession(string projectId, DateTimeOffset? startedAt = null) => new()
    {
        Id = NewId("session"),
        ProjectId = projectId,
        StartedAt = startedAt ?? Epoch,
        LastActivityAt = startedAt ?? Epoch,
    };

    public static ProjectRecord NewProject(params string[] allowedOrigins) =>
        new(NewId("project"), "Shop", NewId("key"), allowedOrigins, Epoch);

    public static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    /// <summary>The text gzipped, as a client sends a body with Content-Encoding: gzip.</summary>
    public static byte[] Gzip(string text) => IngestClientExtensions.Gzip(Json(text));

    /// <summary>
    /// The session as its grain writes it with batch <paramref name="ordinal"/>: the next ordinal moved past it
    /// (storage fences appends by that number).
    /// </summary>
    public static SessionRecord Appending(SessionRecord session, long ordinal) => session with { NextOrdinal = ordinal + 1 };

    /// <summary>The session after <paramref name="count"/> batches, as a compaction writes it.</summary>
    public static SessionRecord After(SessionRecord session, long count) => session with { NextOrdinal = count };

    public static PendingBatch Batch(SessionRecord session, long ordinal) =>
        new(session.Id, ordinal, Seq: ordinal, EventCount: 1, Json($$"""{"ordinal":{{ordinal}}}"""));

    /// <summary>Stands in for a compressed chunk; storage never looks inside.</summary>
    public static EventChunk Chunk(SessionRecord session, long firstOrdinal, long lastOrdinal) =>
        new(session.Id, firstOrdinal, lastOrdinal, EventCount: (int)(lastOrdinal - firstOrdinal + 1), RawBytes: 100,
            Codec: "gzip", Json($"chunk {firstOrdinal}-{lastOrdinal}"));

    /// <summary>Compares every field, lists by content (records compare lists by reference).</summary>
    public static void AssertSameSession(SessionRecord expected, SessionRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Pages, actual.Pages);
        Assert.Equal(expected.SeqsAboveFloor, actual.SeqsAboveFloor);
        Assert.Equal(expected.SeqHoles, actual.SeqHoles);
        Assert.Equal(expected, actual with { Pages = expected.Pages, SeqsAboveFloor = expected.SeqsAboveFloor, SeqHoles = expected.SeqHoles });
    }
}
