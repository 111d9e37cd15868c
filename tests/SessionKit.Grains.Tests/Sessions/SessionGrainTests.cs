using System.Text;
using SessionKit.Grains.Sessions;
using SessionKit.Grains.Tests.Support;
using SessionKit.Silo.Storage;
using SessionKit.Testing;

namespace SessionKit.Grains.Tests.Sessions;

public sealed class SessionGrainTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task BatchesAreCompactedIntoCompressedChunksOnSize()
    {
        await using var host = await GrainHost.StartAsync(new Dictionary<string, string?> { ["SessionKit:Sessions:ChunkTargetBytes"] = "2048" });
        var id = "size-" + Guid.NewGuid().ToString("N");
        var grain = await StartedSessionAsync(host, id);

        Assert.Equal(AppendBatchOutcome.Stored, (await grain.AppendAsync(Batch(0, 900))).Outcome);
        Assert.Single(await host.Store.GetPendingBatchesAsync(id, CancellationToken.None));
        Assert.Equal(AppendBatchOutcome.Stored, (await grain.AppendAsync(Batch(1, 900))).Outcome);
        Assert.Equal(AppendBatchOutcome.Stored, (await grain.AppendAsync(Batch(2, 900))).Outcome);

        // Compacted in a turn of its own, after the batch that filled the buffer was answered.
        await GrainHost.EventuallyAsync(
            async () => (await host.Store.GetPendingBatchesAsync(id, CancellationToken.None)).Count == 0,
            "the batches were compacted once they reached the chunk size");
        var segments = await ReadSegmentsAsync(host, id);
        var chunk = Assert.Single(segments);
        Assert.Equal(SegmentCodec.Brotli, chunk.Codec);
        Assert.Equal(Expected(900, 0, 1, 2), await ReadAllAsync(segments));
    }

    [Fact]
    public async Task BufferedBatchesAreCompactedOnTimeWhileTheGrainStaysActive()
    {
        await using var host = await GrainHost.StartAsync(new Dictionary<string, string?>
        {
            ["SessionKit:Sessions:ChunkFlushInterval"] = "00:00:00.200",
            ["SessionKit:Grains:IdleTimeout"] = "01:00:00",
        });
        var id = "timed-" + Guid.NewGuid().ToString("N");
        var grain = await StartedSessionAsync(host, id);
        await grain.AppendAsync(Batch(0, 100));

        await GrainHost.EventuallyAsync(
            async () => (await host.Store.GetPendingBatchesAsync(id, CancellationToken.None)).Count == 0,
            "the buffered batch was compacted by the flush timer");
        // Still active: the session's grain, and the grain of its device visitor that its first batch reached.
        Assert.Equal(2, host.Diagnostics.ActivationCount);
        var chunk = Assert.Single(await ReadSegmentsAsync(host, id));
        Assert.Equal(SegmentCodec.Brotli, chunk.Codec);
        Assert.Equal(Expected(100, 0), await ReadAllAsync([chunk]));
    }

    [Fact]
    public async Task IdleGrainCompactsLeavesMemoryAndComesBackWithItsSeqWindow()
    {
        await using var host = await GrainHost.StartAsync(new Dictionary<string, string?>
        {
            ["SessionKit:Grains:IdleTimeout"] = "00:00:00.200",
            ["SessionKit:Grains:IdleScanInterval"] = "00:00:00.050",
        });
        var id = "idle-" + Guid.NewGuid().ToString("N");
        var grain = await StartedSessionAsync(host, id);
        await grain.AppendAsync(Batch(0, 100));

        await GrainHost.EventuallyAsync(() => Task.FromResult(host.Diagnostics.ActivationCount == 0), "the idle grain deactivated");
        Assert.Empty(await host.Store.GetPendingBatchesAsync(id, CancellationToken.None));

        Assert.Equal(AppendBatchOutcome.Duplicate, (await grain.AppendAsync(Batch(0, 100))).Outcome);
        Assert.Equal(AppendBatchOutcome.Stored, (await grain.AppendAsync(Batch(1, 100))).Outcome);
        Assert.Equal(Expected(100, 0, 1), await ReadAllAsync(await ReadSegmentsAsync(host, id)));
        Assert.Equal(2, (await host.Store.GetSessionAsync(id, CancellationToken.None))!.BatchCount);
    }

    [Fact]
    public async Task BatchesLeftPendingByACrashAreReloadedAndCompactedLater()
    {
        var dataDirectory = RepositoryPaths.NewTempDirectory("grains-crash");
        var id = "crash-" + Guid.NewGuid().ToString("N");
        var crashed = await GrainHost.StartAsync(dataDirectory);
        var grain = await StartedSessionAsync(crashed, id);
        await grain.AppendAsync(Batch(0, 100));
        await grain.AppendAsync(Batch(1, 100));
        // No graceful stop for `crashed`: its grain never compacts. A second host takes over the data.

        await using (var next = await GrainHost.StartAsync(dataDirectory))
        {
            var again = next.Grains.Get<ISessionGrain>(id);
            Assert.Equal(AppendBatchOutcome.Duplicate, (await again.AppendAsync(Batch(1, 100))).Outcome);
            Assert.Equal(AppendBatchOutcome.Stored, (await again.AppendAsync(Batch(2, 100))).Outcome);
        }

        await using var reader = await GrainHost.StartAsync(dataDirectory);
        Assert.Empty(await reader.Store.GetPendingBatchesAsync(id, CancellationToken.None));
        Assert.Equal(Expected(100, 0, 1, 2), await ReadAllAsync(await ReadSegmentsAsync(reader, id)));
    }

    [Fact]
    public async Task QuietSessionsEndAndALaterBatchReopensThem()
    {
        var clock = new ManualClock(Start);
        await using var host = await GrainHost.StartAsync(clock: clock);
        var id = "quiet-" + Guid.NewGuid().ToString("N");
        var grain = await StartedSessionAsync(host, id);
        await grain.AppendAsync(Batch(0, 100));
        var sweeper = host.Service<SessionInactivityService>();

        clock.Advance(TimeSpan.FromMinutes(29));
        await sweeper.EndInactiveSessionsAsync(CancellationToken.None);
        Assert.Null((await host.Store.GetSessionAsync(id, CancellationToken.None))!.EndedAt);

        clock.Advance(TimeSpan.FromMinutes(2));
        await sweeper.EndInactiveSessionsAsync(CancellationToken.None);
        var ended = await host.Store.GetSessionAsync(id, CancellationToken.None);
        Assert.Equal(Start, ended!.EndedAt);
        Assert.Empty(await host.Store.GetPendingBatchesAsync(id, CancellationToken.None));

        await grain.AppendAsync(Batch(1, 100));
        Assert.Null((await host.Store.GetSessionAsync(id, CancellationToken.None))!.EndedAt);
    }

    [Fact]
    public async Task ConcurrentBatchesForOneSessionAreAllStoredOnce()
    {
        await using var host = await GrainHost.StartAsync();
        var id = "parallel-" + Guid.NewGuid().ToString("N");
        var grain = await StartedSessionAsync(host, id);

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(seq => grain.AppendAsync(Batch(seq % 32, 50))));

        Assert.Equal(32, results.Count(r => r.Outcome == AppendBatchOutcome.Stored));
        Assert.Equal(32, results.Count(r => r.Outcome == AppendBatchOutcome.Duplicate));
        var session = await host.Store.GetSessionAsync(id, CancellationToken.None);
        Assert.Equal(32, session!.EventCount);
        Assert.Equal(31, session.SeqFloor);
        Assert.Equal(32, session.NextOrdinal);
    }

    [Fact]
    public async Task AGapGivenUpIsStillStoredWhenItsBatchComesLateAndTooOldSeqsAreRefused()
    {
        await using var host = await GrainHost.StartAsync(new Dictionary<string, string?>
        {
            ["SessionKit:Sessions:MaxOutOfOrderBatches"] = "4",
            ["SessionKit:Sessions:MaxSeqHoles"] = "1",
        });
        var id = "gap-" + Guid.NewGuid().ToString("N");
        var grain = await StartedSessionAsync(host, id);
        // Seq 1 is lost; recording goes on past the window without refusing anything.
        foreach (var seq in new long[] { 0, 2, 3, 4, 5, 6, 7 })
        {
            Assert.Equal(AppendBatchOutcome.Stored, (await grain.AppendAsync(Batch(seq, 10))).Outcome);
        }

        var session = await host.Store.GetSessionAsync(id, CancellationToken.None);
        Assert.Equal(7, session!.SeqFloor);
        Assert.Equal([new SeqRange(1, 1)], session.SeqHoles);

        // The late batch for the hole is stored, once.
        Assert.Equal(AppendBatchOutcome.Stored, (await grain.AppendAsync(Batch(1, 10))).Outcome);
        Assert.Equal(AppendBatchOutcome.Duplicate, (await grain.AppendAsync(Batch(1, 10))).Outcome);

        // Two more lost seqs (8, 13): with one hole kept, seq 8's is forgotten and seqs that old are refused.
        foreach (var seq in new long[] { 9, 10, 11, 12, 14, 15, 16, 17, 18 })
        {
            Assert.Equal(AppendBatchOutcome.Stored, (await grain.AppendAsync(Batch(seq, 10))).Outcome);
        }

        Assert.Equal(AppendBatchOutcome.SeqTooOld, (await grain.AppendAsync(Batch(8, 10))).Outcome);
        Assert.Equal(AppendBatchOutcome.SeqTooOld, (await grain.AppendAsync(Batch(3, 10))).Outcome);
        Assert.Equal(AppendBatchOutcome.Stored, (await grain.AppendAsync(Batch(13, 10))).Outcome);
        long[] arrival = [0, 2, 3, 4, 5, 6, 7, 1, 9, 10, 11, 12, 14, 15, 16, 17, 18, 13];
        Assert.Equal(Expected(10, arrival), await ReadAllAsync(await ReadSegmentsAsync(host, id)));
    }

    [Fact]
    public async Task StartIsIdempotentAndProjectsCannotShareASessionId()
    {
        await using var host = await GrainHost.StartAsync();
        var grain = host.Grains.Get<ISessionGrain>("start-" + Guid.NewGuid().ToString("N"));
        var command = new StartSession("p1", "v", "t", "https://a.example/", null, "ua", 1, 1, Start);

        Assert.Equal(StartSessionOutcome.Created, (await grain.StartAsync(command)).Outcome);
        Assert.Equal(StartSessionOutcome.AlreadyExists, (await grain.StartAsync(command)).Outcome);
        Assert.Equal(StartSessionOutcome.OwnedByAnotherProject, (await grain.StartAsync(command with { ProjectId = "p2" })).Outcome);
        Assert.Equal(AppendBatchOutcome.UnknownSession, (await grain.AppendAsync(Batch(0, 10) with { ProjectId = "p2" })).Outcome);
        Assert.Equal(AppendBatchOutcome.UnknownSession, (await host.Grains.Get<ISessionGrain>("never-started").AppendAsync(Batch(0, 10))).Outcome);
    }

    private static async Task<ISessionGrain> StartedSessionAsync(GrainHost host, string id)
    {
        var grain = host.Grains.Get<ISessionGrain>(id);
        var result = await grain.StartAsync(new StartSession("p1", "v", "t", "https://a.example/", null, "ua", 800, 600, Start));
        Assert.Equal(StartSessionOutcome.Created, result.Outcome);
        return grain;
    }

    /// <summary>A batch of one event whose JSON is about <paramref name="size"/> bytes, tagged with its seq.</summary>
    private static AppendBatch Batch(long seq, int size) =>
        new("p1", seq, 1, Encoding.UTF8.GetBytes(EventJson(seq, size)), [], 1000 + seq, 1000 + seq);

    [Fact]
    public async Task AStaleActivationThatLostItsSessionReloadsInsteadOfOverwritingTheNewOwner()
    {
        // Two hosts on one database: as when a node lost a session's partition to another node mid-stream.
        var dataDirectory = RepositoryPaths.NewTempDirectory("grains-two-owners");
        var id = "two-owners-" + Guid.NewGuid().ToString("N");
        await using var first = await GrainHost.StartAsync(dataDirectory);
        var stale = await StartedSessionAsync(first, id);
        Assert.Equal(AppendBatchOutcome.Stored, (await stale.AppendAsync(Batch(0, 50))).Outcome);

        await using (var second = await GrainHost.StartAsync(dataDirectory))
        {
            var owner = second.Grains.Get<ISessionGrain>(id);
            Assert.Equal(AppendBatchOutcome.Stored, (await owner.AppendAsync(Batch(1, 50))).Outcome);
            Assert.Equal(AppendBatchOutcome.Stored, (await owner.AppendAsync(Batch(2, 50))).Outcome);
        }

        // The first activation still believes the next ordinal is 1: its write is refused as a conflict,
        // it reloads, recognizes seq 2 as stored, and stores seq 3 after it.
        Assert.Equal(AppendBatchOutcome.Duplicate, (await stale.AppendAsync(Batch(2, 50))).Outcome);
        Assert.Equal(AppendBatchOutcome.Stored, (await stale.AppendAsync(Batch(3, 50))).Outcome);
        Assert.Equal(Expected(50, 0, 1, 2, 3), await ReadAllAsync(await ReadSegmentsAsync(first, id)));
    }

    [Fact]
    public async Task AStyleSheetRepeatedInEveryChunkIsStoredOnceAndReadBackAsSent()
    {
        // Every snapshot of a page repeats its inlined style sheet; each lands in a chunk of its own.
        await using var host = await GrainHost.StartAsync(new Dictionary<string, string?> { ["SessionKit:Sessions:ChunkTargetBytes"] = "1024" });
        var id = "css-" + Guid.NewGuid().ToString("N");
        var grain = await StartedSessionAsync(host, id);
        var css = string.Join(' ', Enumerable.Range(0, 800).Select(i => $".c{i}{{margin:{i}px}}"));
        var snapshots = Enumerable.Range(0, 3)
            .Select(i => $$$"""{"type":2,"timestamp":{{{1000 + i}}},"data":{"node":{"textContent":"{{{css}}}"},"page":{{{i}}}}}""")
            .ToList();
        for (var seq = 0; seq < snapshots.Count; seq++)
        {
            var json = Encoding.UTF8.GetBytes(snapshots[seq]);
            Assert.Equal(AppendBatchOutcome.Stored, (await grain.AppendAsync(new AppendBatch("p1", seq, 1, json, [], 1000 + seq, 1000 + seq))).Outcome);
            await GrainHost.EventuallyAsync(
                async () => (await host.Store.GetPendingBatchesAsync(id, CancellationToken.None)).Count == 0, "the snapshot was compacted on size");
        }

        var segments = await ReadSegmentsAsync(host, id);
        Assert.Equal(3, segments.Count);
        Assert.All(segments, segment => Assert.Equal(SegmentCodec.BrotliWithBlobs, segment.Codec));
        Assert.True(segments.Sum(segment => segment.Data.Length) < css.Length / 10, "each chunk holds a reference, not the style sheet");
        var blobs = new SessionBlobReader(host.Store, id);
        var read = new List<string>();
        foreach (var segment in segments)
        {
            await using var stream = await SegmentCodec.OpenReadAsync(segment, blobs, CancellationToken.None);
            read.Add(await new StreamReader(stream).ReadToEndAsync());
        }

        Assert.Equal(snapshots, read);
    }

    private static string EventJson(long seq, int size) =>
        $"{{\"type\":3,\"timestamp\":{1000 + seq},\"data\":\"{new string((char)('a' + (seq % 26)), size)}\"}}";

    /// <summary>The stored event stream expected for batches <paramref name="seqs"/> made by <see cref="Batch"/> at <paramref name="size"/>.</summary>
    private static string Expected(int size, params long[] seqs) => string.Join(',', seqs.Select(seq => EventJson(seq, size)));

    private static async Task<List<StoredSegment>> ReadSegmentsAsync(GrainHost host, string id)
    {
        var segments = new List<StoredSegment>();
        await foreach (var segment in host.Store.ReadSegmentsAsync(id, CancellationToken.None))
        {
            segments.Add(segment);
        }

        return segments;
    }

    private static async Task<string> ReadAllAsync(IEnumerable<StoredSegment> segments)
    {
        var parts = new List<string>();
        foreach (var segment in segments)
        {
            await using var stream = SegmentCodec.OpenRead(segment);
            using var reader = new StreamReader(stream);
            var text = await reader.ReadToEndAsync();
            if (text.Length > 0)
            {
                parts.Add(text);
            }
        }

        return string.Join(',', parts);
    }
}
