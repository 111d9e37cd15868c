using SessionKit.Silo.Storage;
using static SessionKit.Silo.Tests.Storage.TestData;

namespace SessionKit.Silo.Tests.Storage;

/// <summary>What every <see cref="ISessionStore"/> must do when listing sessions and finding idle ones.</summary>
public abstract class SessionListingContract : StorageContract
{
    private ISessionStore Sessions => Store.Sessions;

    [Fact]
    public async Task SessionsAreListedNewestFirstWithTheIdBreakingTies()
    {
        var projectId = NewId("project");
        var created = await CreateAsync(
            NewSession(projectId, At(1_000)),
            NewSession(projectId, At(3_000)),
            NewSession(projectId, At(2_000)),
            NewSession(projectId, At(2_000)));

        var page = await Sessions.ListSessionsAsync(new SessionQuery { ProjectId = projectId }, Ct);

        var expected = created.OrderByDescending(s => s.StartedAt).ThenByDescending(s => s.Id, StringComparer.Ordinal);
        Assert.Equal(expected.Select(s => s.Id), page.Items.Select(s => s.Id));
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task OnlyTheProjectsOwnSessionsAreListed()
    {
        var projectId = NewId("project");
        var mine = await CreateAsync(NewSession(projectId));
        await CreateAsync(NewSession(NewId("project")));

        var page = await Sessions.ListSessionsAsync(new SessionQuery { ProjectId = projectId }, Ct);

        Assert.Equal(mine.Select(s => s.Id), page.Items.Select(s => s.Id));
    }

    [Fact]
    public async Task ListedSessionsCarryAllTheirFields()
    {
        var projectId = NewId("project");
        var session = NewSession(projectId) with
        {
            Pages = ["https://a.example/"], SeqsAboveFloor = [3], EndedAt = At(5), LiveConsentGranted = false,
        };
        await CreateAsync(session);

        var page = await Sessions.ListSessionsAsync(new SessionQuery { ProjectId = projectId }, Ct);

        AssertSameSession(session, Assert.Single(page.Items));
    }

    [Fact]
    public async Task StartedFromIsInclusiveAndStartedToExclusive()
    {
        var projectId = NewId("project");
        var (early, from, inside, to) = (
            NewSession(projectId, At(999)), NewSession(projectId, At(1_000)),
            NewSession(projectId, At(1_500)), NewSession(projectId, At(2_000)));
        await CreateAsync(early, from, inside, to);

        var page = await Sessions.ListSessionsAsync(
            new SessionQuery { ProjectId = projectId, StartedFrom = At(1_000), StartedTo = At(2_000) }, Ct);

        Assert.Equal([inside.Id, from.Id], page.Items.Select(s => s.Id));
    }

    [Fact]
    public async Task TheUrlFilterMatchesAnyPageIgnoringCase()
    {
        var projectId = NewId("project");
        var onCheckout = NewSession(projectId, At(1)) with { Pages = ["https://shop.example/", "https://shop.example/Checkout/Pay"] };
        var landedOnCheckout = NewSession(projectId, At(2)) with { FirstUrl = "https://shop.example/checkout" };
        var elsewhere = NewSession(projectId, At(3)) with { FirstUrl = "https://shop.example/", Pages = ["https://shop.example/cart"] };
        await CreateAsync(onCheckout, landedOnCheckout, elsewhere);

        var page = await Sessions.ListSessionsAsync(new SessionQuery { ProjectId = projectId, UrlContains = "CHECKOUT" }, Ct);

        Assert.Equal([landedOnCheckout.Id, onCheckout.Id], page.Items.Select(s => s.Id));
    }

    [Theory]
    [InlineData("100%", "https://a.example/100%25", "https://a.example/1000")]
    [InlineData("a_b", "https://a.example/a_b", "https://a.example/axb")]
    [InlineData(@"a\b", @"https://a.example/a\b", "https://a.example/ab")]
    public async Task TheUrlFilterTakesWildcardsLiterally(string filter, string matching, string notMatching)
    {
        var projectId = NewId("project");
        var hit = NewSession(projectId) with { Pages = [matching] };
        await CreateAsync(hit, NewSession(projectId) with { Pages = [notMatching] });

        var page = await Sessions.ListSessionsAsync(new SessionQuery { ProjectId = projectId, UrlContains = filter }, Ct);

        Assert.Equal([hit.Id], page.Items.Select(s => s.Id));
    }

    [Fact]
    public async Task TheMinimumDurationIsInclusive()
    {
        var projectId = NewId("project");
        var (shorter, exact, longer) = (
            NewSession(projectId, At(1)) with { DurationMs = 4_999 },
            NewSession(projectId, At(2)) with { DurationMs = 5_000 },
            NewSession(projectId, At(3)) with { DurationMs = 80_000 });
        await CreateAsync(shorter, exact, longer);

        var page = await Sessions.ListSessionsAsync(new SessionQuery { ProjectId = projectId, MinDurationMs = 5_000 }, Ct);

        Assert.Equal([longer.Id, exact.Id], page.Items.Select(s => s.Id));
    }

    [Fact]
    public async Task PagingWithTheCursorVisitsEveryMatchingSessionOnceInOrder()
    {
        var projectId = NewId("project");
        // Few distinct start times, so pages often split between sessions that started together.
        var created = await CreateAsync(Enumerable.Range(0, 23)
            .Select(i => NewSession(projectId, At(i / 4 * 1_000)) with { DurationMs = i % 3 == 0 ? 0 : 10_000 })
            .ToArray());
        var expected = created.Where(s => s.DurationMs >= 10_000)
            .OrderByDescending(s => s.StartedAt).ThenByDescending(s => s.Id, StringComparer.Ordinal)
            .Select(s => s.Id).ToList();

        var seen = new List<string>();
        var query = new SessionQuery { ProjectId = projectId, MinDurationMs = 10_000, Limit = 4 };
        var pages = 0;
        do
        {
            var page = await Sessions.ListSessionsAsync(query, Ct);
            Assert.InRange(page.Items.Count, 1, 4);
            seen.AddRange(page.Items.Select(s => s.Id));
            query = query with { Cursor = page.NextCursor };
            pages++;
        }
        while (query.Cursor is not null && pages < 100);

        Assert.Equal(expected, seen);
        Assert.Equal((expected.Count + 3) / 4, pages);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(1_000, 200)]
    public async Task TheLimitIsKeptBetweenOneAndTwoHundred(int requested, int expected)
    {
        var projectId = NewId("project");
        await CreateAsync(Enumerable.Range(0, 201).Select(i => NewSession(projectId, At(i))).ToArray());

        var page = await Sessions.ListSessionsAsync(new SessionQuery { ProjectId = projectId, Limit = requested }, Ct);

        Assert.Equal(expected, page.Items.Count);
        Assert.NotNull(page.NextCursor);
    }

    [Theory]
    [InlineData("not a cursor!")]
    [InlineData("MTIz")] // "123": no id
    [InlineData("YWJjOmlk")] // "abc:id": no time
    [InlineData("MTIzOg")] // "123:": empty id
    [InlineData("_w")] // not UTF-8
    public async Task AMalformedCursorIsAnArgumentError(string cursor)
    {
        var query = new SessionQuery { ProjectId = NewId("project"), Cursor = cursor };

        await Assert.ThrowsAsync<ArgumentException>(() => Sessions.ListSessionsAsync(query, Ct));
    }

    [Fact]
    public async Task InactiveSessionsAreTheOpenOnesLastActiveBeforeTheCutoff()
    {
        var projectId = NewId("project");
        var idle = NewSession(projectId) with { LastActivityAt = At(-60_000) };
        var idleButEnded = NewSession(projectId) with { LastActivityAt = At(-60_000), EndedAt = At(-60_000) };
        var activeAtCutoff = NewSession(projectId) with { LastActivityAt = At(0) };
        var active = NewSession(projectId) with { LastActivityAt = At(5_000) };
        await CreateAsync(idle, idleButEnded, activeAtCutoff, active);

        var ids = await Sessions.FindInactiveSessionIdsAsync(At(0), limit: 1_000, Ct);

        Assert.Contains(idle.Id, ids);
        Assert.DoesNotContain(idleButEnded.Id, ids);
        Assert.DoesNotContain(activeAtCutoff.Id, ids);
        Assert.DoesNotContain(active.Id, ids);
    }

    [Fact]
    public async Task TheInactiveSessionQueryReturnsAtMostTheLimit()
    {
        var projectId = NewId("project");
        await CreateAsync(Enumerable.Range(0, 5)
            .Select(i => NewSession(projectId) with { LastActivityAt = At(-1_000 - i) }).ToArray());

        Assert.Equal(3, (await Sessions.FindInactiveSessionIdsAsync(At(0), limit: 3, Ct)).Count);
    }

    private async Task<SessionRecord[]> CreateAsync(params SessionRecord[] sessions)
    {
        await Task.WhenAll(sessions.Select(session => Sessions.TryCreateSessionAsync(session, Ct)));
        return sessions;
    }
}
