using SessionKit.Silo.Storage;
using static SessionKit.Silo.Tests.Storage.TestData;

namespace SessionKit.Silo.Tests.Storage;

/// <summary>What every <see cref="ISessionStore"/> must do with a session's events: batches, chunks, reading back.</summary>
public abstract class SessionEventsContract : StorageContract
{
    private ISessionStore Sessions => Store.Sessions;

    [Fact]
    public async Task AnAppendedBatchIsStoredWithTheSessionsNewMetadata()
    {
        var session = NewSession(NewId("project"));
        await Sessions.TryCreateSessionAsync(session, Ct);
        var batch = Batch(session, ordinal: 0);
        var updated = session with { EventCount = 1, BatchCount = 1, SeqFloor = 0, NextOrdinal = 1, LiveConsentGranted = true };

        await Sessions.AppendBatchAsync(updated, batch, Ct);

        var pending = Assert.Single(await Sessions.GetPendingBatchesAsync(session.Id, Ct));
        Assert.Equal((batch.SessionId, batch.Ordinal, batch.Seq, batch.EventCount), (pending.SessionId, pending.Ordinal, pending.Seq, pending.EventCount));
        Assert.Equal(batch.EventsJson, pending.EventsJson);
        AssertSameSession(updated, await Sessions.GetSessionAsync(session.Id, Ct));
    }

    [Fact]
    public async Task AppendingTheFirstBatchCreatesAMissingSessionRow()
    {
        var session = NewSession(NewId("project")) with { NextOrdinal = 1 };

        await Sessions.AppendBatchAsync(Appending(session, 0), Batch(session, 0), Ct);

        AssertSameSession(session, await Sessions.GetSessionAsync(session.Id, Ct));
    }

    [Fact]
    public async Task PendingBatchesComeBackByOrdinal()
    {
        var session = NewSession(NewId("project"));
        foreach (var ordinal in new long[] { 0, 1, 2 })
        {
            await Sessions.AppendBatchAsync(Appending(session, ordinal), Batch(session, ordinal), Ct);
        }

        var pending = await Sessions.GetPendingBatchesAsync(session.Id, Ct);

        Assert.Equal([0L, 1L, 2L], pending.Select(batch => batch.Ordinal));
    }

    [Fact]
    public async Task ABatchReceivedGzippedIsStoredAsReceivedAndReadBackAsItsEvents()
    {
        var session = NewSession(NewId("project"));
        const string events = """{"type":4,"data":{"href":"https://a.example/"}} , {"type":3,"data":{"x":"\u00e9"}}""";
        var received = Gzip("""{"seq":0, "sent":{"events":[1]}, "events":[ """ + events + """ ]}""");
        var batch = Batch(session, ordinal: 0) with { EventsJson = Json(events), Received = received };

        await Sessions.AppendBatchAsync(Appending(session, 0), batch, Ct);

        Assert.Equal(events, Text(Assert.Single(await Sessions.GetPendingBatchesAsync(session.Id, Ct)).EventsJson.Span));
        var segment = Assert.Single(await Sessions.ReadSegmentsAsync(session.Id, Ct).ToListAsync());
        Assert.Equal(SegmentCodec.GzipBatch, segment.Codec);
        Assert.Equal(received, segment.Data);
        using var read = new StreamReader(SegmentCodec.OpenRead(segment));
        Assert.Equal(events, await read.ReadToEndAsync(Ct));
    }

    [Fact]
    public async Task SegmentsMixChunksAndPendingBatchesInOrdinalOrder()
    {
        var session = NewSession(NewId("project"));
        for (var ordinal = 0; ordinal <= 6; ordinal++)
        {
            await Sessions.AppendBatchAsync(Appending(session, ordinal), Batch(session, ordinal), Ct);
        }

        await Sessions.WriteChunkAsync(After(session, 7), Chunk(session, 4, 5), Ct);
        await Sessions.WriteChunkAsync(After(session, 7), Chunk(session, 0, 2), Ct);

        var segments = await Sessions.ReadSegmentsAsync(session.Id, Ct).ToListAsync();

        Assert.Equal(
            [(0L, "gzip", "chunk 0-2"), (3L, "identity", """{"ordinal":3}"""), (4L, "gzip", "chunk 4-5"), (6L, "identity", """{"ordinal":6}""")],
            segments.Select(segment => (segment.FirstOrdinal, segment.Codec, Text(segment.Data))));
    }

    [Fact]
    public async Task WritingAChunkRemovesExactlyThePendingBatchesItCovers()
    {
        var session = NewSession(NewId("project"));
        for (var ordinal = 0; ordinal <= 4; ordinal++)
        {
            await Sessions.AppendBatchAsync(Appending(session, ordinal), Batch(session, ordinal), Ct);
        }

        await Sessions.WriteChunkAsync(After(session, 5), Chunk(session, 1, 3), Ct);

        var pending = await Sessions.GetPendingBatchesAsync(session.Id, Ct);
        Assert.Equal([0L, 4L], pending.Select(batch => batch.Ordinal));
    }

    [Fact]
    public async Task WritingAChunkUpdatesTheSession()
    {
        var session = NewSession(NewId("project"));
        await Sessions.AppendBatchAsync(Appending(session, 0), Batch(session, 0), Ct);
        var compacted = session with { EventCount = 1, ByteSize = 13, NextOrdinal = 1 };

        await Sessions.WriteChunkAsync(compacted, Chunk(session, 0, 0), Ct);

        AssertSameSession(compacted, await Sessions.GetSessionAsync(session.Id, Ct));
    }

    [Fact]
    public async Task EventsOfOneSessionNeverShowInAnother()
    {
        var projectId = NewId("project");
        var mine = NewSession(projectId);
        var other = NewSession(projectId);
        await Sessions.AppendBatchAsync(Appending(mine, 0), Batch(mine, 0), Ct);
        await Sessions.AppendBatchAsync(Appending(other, 0), Batch(other, 0), Ct);
        await Sessions.AppendBatchAsync(Appending(other, 1), Batch(other, 1), Ct);
        await Sessions.WriteChunkAsync(After(other, 2), Chunk(other, 0, 1), Ct);

        Assert.Single(await Sessions.ReadSegmentsAsync(mine.Id, Ct).ToListAsync());
        Assert.Single(await Sessions.GetPendingBatchesAsync(mine.Id, Ct));
        Assert.Empty(await Sessions.GetPendingBatchesAsync(other.Id, Ct));
    }

    [Fact]
    public async Task AnUnknownSessionHasNoSegments()
    {
        Assert.Empty(await Sessions.ReadSegmentsAsync(NewId("session"), Ct).ToListAsync());
    }

    [Fact]
    public async Task AppendingAnOrdinalTwiceIsRefusedAndLeavesTheSessionAsItWas()
    {
        var session = NewSession(NewId("project")) with { NextOrdinal = 1 };
        await Sessions.AppendBatchAsync(Appending(session, 0), Batch(session, 0), Ct);

        await Assert.ThrowsAsync<StorageConflictException>(
            () => Sessions.AppendBatchAsync(session with { NextOrdinal = 2 }, Batch(session, 0), Ct));

        AssertSameSession(session, await Sessions.GetSessionAsync(session.Id, Ct));
    }

    [Fact]
    public async Task WritingAChunkTwiceIsRefusedAndKeepsTheFirst()
    {
        var session = NewSession(NewId("project"));
        await Sessions.AppendBatchAsync(Appending(session, 0), Batch(session, 0), Ct);
        await Sessions.WriteChunkAsync(After(session, 1), Chunk(session, 0, 0), Ct);

        await Assert.ThrowsAsync<StorageConflictException>(
            () => Sessions.WriteChunkAsync(After(session, 1) with { EventCount = 99 }, Chunk(session, 0, 0) with { Codec = "other" }, Ct));

        Assert.Equal(0, (await Sessions.GetSessionAsync(session.Id, Ct))!.EventCount);
        Assert.Equal("gzip", Assert.Single(await Sessions.ReadSegmentsAsync(session.Id, Ct).ToListAsync()).Codec);
    }

    [Fact]
    public async Task AChunkOverBatchesAnotherWriterAlreadyCompactedIsRefusedAndChangesNothing()
    {
        // Two activations of one session (a node that lost its partition, and its successor) both compact.
        var session = NewSession(NewId("project"));
        for (var ordinal = 0; ordinal < 3; ordinal++)
        {
            await Sessions.AppendBatchAsync(Appending(session, ordinal), Batch(session, ordinal), Ct);
        }

        await Sessions.WriteChunkAsync(After(session, 3), Chunk(session, 1, 2), Ct);

        await Assert.ThrowsAsync<StorageConflictException>(() => Sessions.WriteChunkAsync(After(session, 3), Chunk(session, 0, 2), Ct));

        var segments = await Sessions.ReadSegmentsAsync(session.Id, Ct).ToListAsync();
        Assert.Equal([0L, 1], segments.Select(segment => segment.FirstOrdinal));
        Assert.Equal([0L], (await Sessions.GetPendingBatchesAsync(session.Id, Ct)).Select(batch => batch.Ordinal));
    }

    [Fact]
    public async Task WritesFromAViewOfTheSessionThatAnotherWriterMovedOnAreRefused()
    {
        // An activation read the session after batch 0; another one appended batches 1 and 2 and compacted them since.
        var session = NewSession(NewId("project"));
        await Sessions.AppendBatchAsync(Appending(session, 0), Batch(session, 0), Ct);
        await Sessions.AppendBatchAsync(Appending(session, 1), Batch(session, 1), Ct);
        await Sessions.AppendBatchAsync(Appending(session, 2), Batch(session, 2), Ct);
        await Sessions.WriteChunkAsync(After(session, 3), Chunk(session, 1, 2), Ct);

        var stale = After(session, 1);
        await Assert.ThrowsAsync<StorageConflictException>(() => Sessions.AppendBatchAsync(Appending(stale, 1) with { EventCount = 7 }, Batch(session, 1), Ct));
        await Assert.ThrowsAsync<StorageConflictException>(() => Sessions.WriteChunkAsync(stale with { EventCount = 7 }, Chunk(session, 0, 0), Ct));

        AssertSameSession(After(session, 3), await Sessions.GetSessionAsync(session.Id, Ct));
        Assert.Equal([0L, 1], (await Sessions.ReadSegmentsAsync(session.Id, Ct).ToListAsync()).Select(segment => segment.FirstOrdinal));
    }

    [Fact]
    public async Task AChunksBlobsAreStoredOncePerSessionAndOnlyForIt()
    {
        var session = NewSession(NewId("project"));
        var other = NewSession(session.ProjectId);
        for (var ordinal = 0; ordinal < 2; ordinal++)
        {
            await Sessions.AppendBatchAsync(Appending(session, ordinal), Batch(session, ordinal), Ct);
        }

        await Sessions.AppendBatchAsync(Appending(other, 0), Batch(other, 0), Ct);
        var css = new SessionBlob("a1", Json("css v1"));
        await Sessions.WriteChunkAsync(After(session, 2), Chunk(session, 0, 0) with { Blobs = [css, new SessionBlob("b2", Json("text"))] }, Ct);
        // A later chunk repeating a blob the session has: kept as first stored.
        await Sessions.WriteChunkAsync(After(session, 2), Chunk(session, 1, 1) with { Blobs = [css with { Data = Json("ignored") }] }, Ct);

        Assert.Equal("css v1", Text((await Sessions.GetBlobAsync(session.Id, "a1", Ct))!));
        Assert.Equal("text", Text((await Sessions.GetBlobAsync(session.Id, "b2", Ct))!));
        Assert.Null(await Sessions.GetBlobAsync(other.Id, "a1", Ct));
        Assert.Null(await Sessions.GetBlobAsync(session.Id, "c3", Ct));
    }

    [Fact]
    public async Task EventsOfAnotherSessionAreRefused()
    {
        var session = NewSession(NewId("project"));
        var stranger = NewSession(session.ProjectId);

        await Assert.ThrowsAsync<ArgumentException>(() => Sessions.AppendBatchAsync(session, Batch(stranger, 0), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Sessions.WriteChunkAsync(session, Chunk(stranger, 0, 0), Ct));
    }

    [Fact]
    public async Task AnOpenReadNeitherBlocksWritesNorSeesThem()
    {
        var session = NewSession(NewId("project"));
        for (var ordinal = 0; ordinal <= 3; ordinal++)
        {
            await Sessions.AppendBatchAsync(Appending(session, ordinal), Batch(session, ordinal), Ct);
        }

        await using var segments = Sessions.ReadSegmentsAsync(session.Id, Ct).GetAsyncEnumerator();
        Assert.True(await segments.MoveNextAsync());

        // While the read is open: compact what it is reading and add more.
        await Sessions.WriteChunkAsync(After(session, 4), Chunk(session, 0, 3), Ct).WaitAsync(TimeSpan.FromSeconds(10));
        await Sessions.AppendBatchAsync(Appending(session, 4), Batch(session, 4), Ct).WaitAsync(TimeSpan.FromSeconds(10));

        var ordinals = new List<long> { segments.Current.FirstOrdinal };
        while (await segments.MoveNextAsync())
        {
            ordinals.Add(segments.Current.FirstOrdinal);
        }

        Assert.Equal([0L, 1L, 2L, 3L], ordinals);
        var afterwards = await Sessions.ReadSegmentsAsync(session.Id, Ct).ToListAsync();
        Assert.Equal([(0L, "gzip"), (4L, "identity")], afterwards.Select(segment => (segment.FirstOrdinal, segment.Codec)));
    }

    [Fact]
    public async Task AHundredMegabyteSessionStreamsWithoutBeingHeldInMemory()
    {
        const int chunkCount = 100;
        const int chunkBytes = 1024 * 1024;
        var session = NewSession(NewId("project"));
        var data = new byte[chunkBytes];
        for (var ordinal = 0; ordinal < chunkCount; ordinal++)
        {
            data[0] = (byte)ordinal;
            // A chunk replaces pending batches: each one must be pending when its chunk is written.
            await Sessions.AppendBatchAsync(Appending(session, ordinal), Batch(session, ordinal), Ct);
            await Sessions.WriteChunkAsync(After(session, ordinal + 1), Chunk(session, ordinal, ordinal) with { Data = data }, Ct);
        }

        var before = GC.GetTotalMemory(forceFullCollection: true);
        long retainedMidway = 0, bytes = 0, expectedOrdinal = 0;
        await foreach (var segment in Sessions.ReadSegmentsAsync(session.Id, Ct))
        {
            Assert.Equal(expectedOrdinal, segment.FirstOrdinal);
            Assert.Equal((byte)expectedOrdinal, segment.Data[0]);
            bytes += segment.Data.Length;
            if (++expectedOrdinal == chunkCount / 2)
            {
                retainedMidway = GC.GetTotalMemory(forceFullCollection: true) - before;
            }
        }

        Assert.Equal((long)chunkCount * chunkBytes, bytes);
        Assert.True(retainedMidway < 40L * chunkBytes, $"{retainedMidway} bytes held halfway through the stream");
    }
}
