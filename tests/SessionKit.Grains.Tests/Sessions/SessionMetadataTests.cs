using SessionKit.Grains.Sessions;

namespace SessionKit.Grains.Tests.Sessions;

public sealed class SessionMetadataTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void BatchesExtendDurationCountsAndPages()
    {
        var session = SessionMetadata.Create("s1", new StartSession("p", "v", "t", "https://a.example/", null, "ua", 800, 600, Now), Now);
        session = SessionMetadata.Apply(session, Batch(0, 3, [], 1_000, 4_000), Now.AddSeconds(5), Options(10));
        session = SessionMetadata.Apply(session, Batch(1, 2, ["https://a.example/", "https://a.example/pay"], 500, 9_000), Now.AddSeconds(10), Options(10));

        Assert.Equal(5, session.EventCount);
        Assert.Equal(2, session.BatchCount);
        Assert.Equal(8_500, session.DurationMs);
        Assert.Equal(500, session.FirstEventAt);
        Assert.Equal(["https://a.example/", "https://a.example/pay"], session.Pages);
        Assert.Equal("https://a.example/", session.FirstUrl);
        Assert.Equal(Now.AddSeconds(10), session.LastActivityAt);
        Assert.Equal(2, session.NextOrdinal);
        Assert.Equal(1, session.SeqFloor);
    }

    [Fact]
    public void PagesListStopsAtTheCapAndFirstUrlComesFromMetaWhenStartHadNone()
    {
        var session = SessionMetadata.Create("s1", new StartSession("p", null, null, null, null, null, null, null, Now), Now);
        var urls = Enumerable.Range(0, 5).Select(i => $"https://a.example/{i}").ToList();
        session = SessionMetadata.Apply(session, Batch(0, 5, urls, 1, 2), Now, Options(3));
        Assert.Equal(urls.Take(3), session.Pages);
        Assert.Equal("https://a.example/0", session.FirstUrl);
    }

    [Fact]
    public void ABatchReopensAnEndedSession()
    {
        var session = SessionMetadata.Create("s1", new StartSession("p", null, null, null, null, null, null, null, Now), Now) with { EndedAt = Now };
        session = SessionMetadata.Apply(session, Batch(0, 1, [], 1, 1), Now.AddHours(1), Options(10));
        Assert.Null(session.EndedAt);
    }

    private static SessionOptions Options(int maxPages) => new() { MaxPagesListed = maxPages };

    private static AppendBatch Batch(long seq, int count, IReadOnlyList<string> pages, long min, long max) =>
        new("p", seq, count, new byte[count * 10], pages, min, max);
}
