using SessionKit.Silo.Storage;
using static SessionKit.Silo.Tests.Storage.TestData;

namespace SessionKit.Silo.Tests.Storage;

/// <summary>What every <see cref="ISessionStore"/> must do with a session's metadata.</summary>
public abstract class SessionStoreContract : StorageContract
{
    private ISessionStore Sessions => Store.Sessions;

    [Fact]
    public async Task ACreatedSessionRoundTripsEveryField()
    {
        var session = new SessionRecord
        {
            Id = NewId("session"),
            ProjectId = NewId("project"),
            VisitorId = NewId("visitor"),
            TabId = NewId("tab"),
            UserAgent = "Mozilla/5.0 (X11; Linux x86_64)",
            Referrer = "https://search.example/?q=shoes",
            ScreenWidth = 1920,
            ScreenHeight = 1080,
            FirstUrl = "https://shop.example/",
            Pages = ["https://shop.example/", "https://shop.example/cart"],
            // A non-UTC offset and odd milliseconds: the instant must survive, in UTC.
            StartedAt = new DateTimeOffset(2024, 5, 1, 14, 0, 0, 123, TimeSpan.FromHours(2)),
            LastActivityAt = At(4_567),
            EndedAt = At(9_999),
            FirstEventAt = 1_714_564_800_123,
            LastEventAt = 1_714_564_809_999,
            DurationMs = 9_876,
            EventCount = 321,
            ByteSize = 654_321,
            BatchCount = 12,
            SeqFloor = 9,
            SeqsAboveFloor = [11, 14],
            SeqHoles = [new SeqRange(2, 3), new SeqRange(7, 7)],
            SeqUnknownThrough = 1,
            NextOrdinal = 12,
            LiveConsentGranted = true,
        };

        Assert.True(await Sessions.TryCreateSessionAsync(session, Ct));

        var stored = await Sessions.GetSessionAsync(session.Id, Ct);
        AssertSameSession(session, stored);
        Assert.Equal(TimeSpan.Zero, stored!.StartedAt.Offset);
    }

    [Fact]
    public async Task ASessionWithOnlyRequiredFieldsRoundTrips()
    {
        var session = NewSession(NewId("project"));

        await Sessions.TryCreateSessionAsync(session, Ct);

        AssertSameSession(session, await Sessions.GetSessionAsync(session.Id, Ct));
    }

    [Fact]
    public async Task ANewSessionHasNoLiveConsentAnswer()
    {
        var session = NewSession(NewId("project"));

        await Sessions.TryCreateSessionAsync(session, Ct);

        Assert.Null((await Sessions.GetSessionAsync(session.Id, Ct))!.LiveConsentGranted);
    }

    [Fact]
    public async Task TheLiveConsentAnswerCanBeGivenChangedAndCleared()
    {
        var session = NewSession(NewId("project"));
        await Sessions.TryCreateSessionAsync(session, Ct);

        foreach (var answer in new bool?[] { false, true, null })
        {
            await Sessions.UpdateSessionAsync(session with { LiveConsentGranted = answer }, Ct);

            Assert.Equal(answer, (await Sessions.GetSessionAsync(session.Id, Ct))!.LiveConsentGranted);
        }
    }

    [Fact]
    public async Task CreatingASessionTwiceReturnsFalseAndKeepsTheFirst()
    {
        var first = NewSession(NewId("project"));
        var second = first with { UserAgent = "another" };

        Assert.True(await Sessions.TryCreateSessionAsync(first, Ct));
        Assert.False(await Sessions.TryCreateSessionAsync(second, Ct));

        AssertSameSession(first, await Sessions.GetSessionAsync(first.Id, Ct));
    }

    [Fact]
    public async Task AnUnknownSessionIsNull()
    {
        Assert.Null(await Sessions.GetSessionAsync(NewId("session"), Ct));
    }

    [Fact]
    public async Task UpdatingASessionReplacesItsMetadata()
    {
        var session = NewSession(NewId("project"));
        await Sessions.TryCreateSessionAsync(session, Ct);
        var ended = session with { EndedAt = At(60_000), DurationMs = 60_000, Pages = ["https://a.example/"] };

        await Sessions.UpdateSessionAsync(ended, Ct);

        AssertSameSession(ended, await Sessions.GetSessionAsync(session.Id, Ct));
    }

    [Fact]
    public async Task UpdatingFromAViewOfTheSessionThatAnotherWriterMovedOnIsRefused()
    {
        var session = NewSession(NewId("project"));
        await Sessions.TryCreateSessionAsync(session, Ct);
        // Another writer appended a batch since this view of the session was read.
        await Sessions.AppendBatchAsync(Appending(session, 0) with { EventCount = 40 }, Batch(session, 0), Ct);

        await Assert.ThrowsAsync<StorageConflictException>(() => Sessions.UpdateSessionAsync(session with { EndedAt = At(1) }, Ct));

        var stored = await Sessions.GetSessionAsync(session.Id, Ct);
        Assert.Null(stored!.EndedAt);
        Assert.Equal(40, stored.EventCount);
    }
}
