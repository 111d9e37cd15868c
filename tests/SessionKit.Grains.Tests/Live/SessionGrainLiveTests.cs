using System.Collections.Concurrent;
using System.Text;
using SessionKit.Grains.Live;
using SessionKit.Grains.Sessions;
using SessionKit.Grains.Tests.Support;
using SessionKit.Silo.Live;

namespace SessionKit.Grains.Tests.Live;

public sealed class SessionGrainLiveTests
{
    private const string Snapshot = "{\"type\":4,\"timestamp\":1,\"data\":{\"href\":\"https://a.example/\"}},{\"type\":2,\"timestamp\":1,\"data\":{}}";

    [Fact]
    public async Task WatcherGetsTheSnapshotCatchUpThenEachLaterBatchOnTheBus()
    {
        await using var host = await GrainHost.StartAsync();
        var (grain, id) = await StartedAsync(host);
        var published = await SubscribeAsync(host, LiveTopics.Session(id));

        var first = await grain.AppendAsync(Batch(0, "{\"type\":3,\"timestamp\":0}," + Snapshot, "{\"type\":3,\"timestamp\":0},".Length));
        Assert.Null(first.Live);
        Assert.Equal(AppendBatchOutcome.Stored, (await grain.AppendAsync(Batch(1, "{\"type\":3,\"timestamp\":2}"))).Outcome);
        Assert.Empty(published);

        var catchUp = await grain.WatchAsync(new ViewerLease("node-1", 1, false));
        Assert.Equal(WatchStatus.Streaming, catchUp!.Status);
        Assert.Equal(1, catchUp.Seq);
        Assert.Equal(Snapshot + ",{\"type\":3,\"timestamp\":2}", Encoding.UTF8.GetString(catchUp.EventsJson));

        var answer = await grain.AppendAsync(Batch(2, "{\"type\":3,\"timestamp\":3}"));
        Assert.Equal(new LiveDirective(1, 100), answer.Live);
        var batch = Assert.Single(published.OfType<LiveBatchPublished>());
        Assert.Equal(2, batch.Seq);

        await grain.SetViewersAsync(new ViewerLease("node-1", 0, false));
        Assert.Null((await grain.AppendAsync(Batch(3, "{\"type\":3,\"timestamp\":4}"))).Live);
        Assert.Single(published.OfType<LiveBatchPublished>());
        Assert.Equal([1, 0], published.OfType<LiveViewersChanged>().Select(v => v.Viewers));
    }

    [Fact]
    public async Task WatchedSessionWithoutSnapshotAsksTheSdkForOne()
    {
        await using var host = await GrainHost.StartAsync();
        var (grain, _) = await StartedAsync(host);
        await grain.AppendAsync(Batch(0, "{\"type\":3,\"timestamp\":1}"));

        var catchUp = await grain.WatchAsync(new ViewerLease("node-1", 1, false));
        Assert.Empty(catchUp!.EventsJson);
        Assert.True((await grain.AppendAsync(Batch(1, "{\"type\":3,\"timestamp\":2}"))).TakeFullSnapshot);
        // Asked once; the next answer does not repeat it within the request interval.
        Assert.False((await grain.AppendAsync(Batch(2, "{\"type\":3,\"timestamp\":3}"))).TakeFullSnapshot);

        await grain.AppendAsync(Batch(3, Snapshot, 0));
        var later = await grain.WatchAsync(new ViewerLease("node-1", 2, false));
        Assert.StartsWith("{\"type\":4", Encoding.UTF8.GetString(later!.EventsJson), StringComparison.Ordinal);
        Assert.Equal(3, later.Seq);
    }

    [Fact]
    public async Task ConsentGatesTheStreamUntilTheVisitorAgrees()
    {
        await using var host = await GrainHost.StartAsync();
        var (grain, id) = await StartedAsync(host);
        var published = await SubscribeAsync(host, LiveTopics.Session(id));
        await grain.AppendAsync(Batch(0, Snapshot, 0));

        var catchUp = await grain.WatchAsync(new ViewerLease("node-1", 1, RequireConsent: true));
        Assert.Equal(WatchStatus.AwaitingConsent, catchUp!.Status);
        Assert.Empty(catchUp.EventsJson);
        var asked = await grain.AppendAsync(Batch(1, "{\"type\":3,\"timestamp\":2}"));
        Assert.True(asked.ConsentRequested);
        Assert.Null(asked.Live);
        Assert.Empty(published.OfType<LiveBatchPublished>());

        Assert.True(await grain.SetLiveConsentAsync(true));
        Assert.Equal(WatchStatus.Streaming, Assert.Single(published.OfType<LiveConsentChanged>()).Status);
        var streaming = await grain.AppendAsync(Batch(2, "{\"type\":3,\"timestamp\":3}"));
        Assert.NotNull(streaming.Live);
        Assert.False(streaming.ConsentRequested);
        Assert.Equal(2, Assert.Single(published.OfType<LiveBatchPublished>()).Seq);
        Assert.True((await host.Store.GetSessionAsync(id, CancellationToken.None))!.LiveConsentGranted);
    }

    [Fact]
    public async Task ProjectWatchersHearOfStartsUpdatesAndEnds()
    {
        var clock = new SessionKit.Testing.ManualClock(DateTimeOffset.UtcNow);
        await using var host = await GrainHost.StartAsync(clock: clock);
        var published = await SubscribeAsync(host, LiveTopics.Project("p1"));
        var (grain, id) = await StartedAsync(host);
        await grain.AppendAsync(Batch(0, Snapshot, 0));
        await grain.AppendAsync(Batch(1, "{\"type\":3,\"timestamp\":2}"));

        var changes = published.OfType<LiveSessionPublished>().ToList();
        Assert.Equal([LiveSessionChange.Started, LiveSessionChange.Updated], changes.Select(c => c.Change));
        Assert.Equal("https://a.example/", changes[1].Session.CurrentUrl);
        Assert.Equal(2, changes[1].Session.EventCount); // the second batch fell inside the throttle...

        // ...and is sent once the throttle's interval is over, though no further batch arrives.
        clock.Advance(TimeSpan.FromSeconds(2));
        await GrainHost.EventuallyAsync(
            () => Task.FromResult(published.OfType<LiveSessionPublished>().Any(c => c.Change == LiveSessionChange.Updated && c.Session.EventCount == 3)),
            "the held-back update went out");

        clock.Advance(TimeSpan.FromHours(1));
        await host.Service<SessionInactivityService>().EndInactiveSessionsAsync(CancellationToken.None);
        changes = published.OfType<LiveSessionPublished>().ToList();
        Assert.Equal(LiveSessionChange.Ended, changes[^1].Change);
        Assert.Equal("ended", changes[^1].Session.Status);
        Assert.All(changes, c => Assert.Equal(id, c.Session.Id));
    }

    [Fact]
    public async Task AViewerLeaseThatLapsesIsReportedWithoutAnyMessage()
    {
        var clock = new SessionKit.Testing.ManualClock(DateTimeOffset.UtcNow);
        await using var host = await GrainHost.StartAsync(clock: clock);
        var (grain, id) = await StartedAsync(host);
        var published = await SubscribeAsync(host, LiveTopics.Session(id));
        var watchers = await SubscribeAsync(host, LiveTopics.Project("p1"));
        await grain.WatchAsync(new ViewerLease("node-that-dies", 2, false));
        Assert.Equal([2], published.OfType<LiveViewersChanged>().Select(v => v.Viewers));

        clock.Advance(TimeSpan.FromSeconds(31)); // past ViewerLeaseDuration (30 s), never renewed
        await GrainHost.EventuallyAsync(
            () => Task.FromResult(watchers.OfType<LiveSessionPublished>().Any(c => c.Session.ViewerCount == 0)), "the lapse reached project watchers");
        Assert.Equal([2, 0], published.OfType<LiveViewersChanged>().Select(v => v.Viewers));
        Assert.Null((await grain.AppendAsync(Batch(0, "{\"type\":3,\"timestamp\":1}"))).Live);
    }

    [Fact]
    public async Task AReactivatedGrainAsksTheSdkOfAWatchedSessionForASnapshot()
    {
        await using var host = await GrainHost.StartAsync(new Dictionary<string, string?>
        {
            ["SessionKit:Grains:IdleTimeout"] = "00:00:00.200",
            ["SessionKit:Grains:IdleScanInterval"] = "00:00:00.050",
        });
        var (grain, _) = await StartedAsync(host);
        await grain.AppendAsync(Batch(0, Snapshot, 0));
        await GrainHost.EventuallyAsync(() => Task.FromResult(host.Diagnostics.ActivationCount == 0), "the idle grain deactivated");

        // The catch-up buffer lived in memory only: the new activation has no snapshot to give.
        var catchUp = await grain.WatchAsync(new ViewerLease("node-1", 1, false));
        Assert.Empty(catchUp!.EventsJson);
        Assert.Equal(0, catchUp.Seq);
        var answer = await grain.AppendAsync(Batch(1, "{\"type\":3,\"timestamp\":2}"));
        Assert.True(answer.TakeFullSnapshot);
        Assert.NotNull(answer.Live);
    }

    private static async Task<ConcurrentQueue<object>> SubscribeAsync(GrainHost host, string topic)
    {
        var received = new ConcurrentQueue<object>();
        await host.Service<ILiveBus>().SubscribeAsync(topic, message =>
        {
            received.Enqueue(message);
            return ValueTask.CompletedTask;
        }, CancellationToken.None);
        return received;
    }

    private static async Task<(ISessionGrain Grain, string Id)> StartedAsync(GrainHost host)
    {
        var id = "live-" + Guid.NewGuid().ToString("N");
        var grain = host.Grains.Get<ISessionGrain>(id);
        await grain.StartAsync(new StartSession("p1", "v", "t", null, null, "ua", 800, 600, DateTimeOffset.UtcNow));
        return (grain, id);
    }

    private static AppendBatch Batch(long seq, string eventsJson, int? snapshotOffset = null)
    {
        var pages = eventsJson.Contains("\"href\"", StringComparison.Ordinal) ? new[] { "https://a.example/" } : [];
        return new AppendBatch("p1", seq, eventsJson.Split("},{").Length, Encoding.UTF8.GetBytes(eventsJson), pages, 1, 1, snapshotOffset);
    }
}
