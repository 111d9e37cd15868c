using SessionKit.Silo.Storage;
using static SessionKit.Silo.Tests.Storage.TestData;

namespace SessionKit.Silo.Tests.Storage;

/// <summary>What every <see cref="ISignalStore"/> must do. Signals belong to a stored session.</summary>
public abstract class SignalStoreContract : StorageContract
{
    private ISignalStore Signals => Store.Get<ISignalStore>();

    [Fact]
    public async Task SavedSignalsAreListedByIndexWithEveryFieldAndTheScore()
    {
        var session = await CreateSessionAsync();
        var rage = NewSignal(session, 0, "rage_click") with { TargetText = "Pay “now” ✋" };
        var bare = NewSignal(session, 1, "quick_back") with { Url = null, TargetSelector = null, TargetText = null };
        var score = NewScore(session, 35, ["quick_back", "rage_click"]);

        await Signals.SaveSignalsAsync([bare, rage], score, Ct);

        AssertSame([rage, bare], await Signals.ListSignalsAsync(session.Id, Ct));
        AssertSame(score, await Signals.GetScoreAsync(session.Id, Ct));
    }

    [Fact]
    public async Task SavingASignalAgainKeepsTheFirstAndTheNewestScoreWins()
    {
        var session = await CreateSessionAsync();
        var first = NewSignal(session, 0, "dead_click");
        await Signals.SaveSignalsAsync([first], NewScore(session, 10, ["dead_click"]), Ct);

        var later = NewSignal(session, 1, "error_click");
        var newest = NewScore(session, 30, ["dead_click", "error_click"]);
        await Signals.SaveSignalsAsync([first with { Explanation = "changed" }, later], newest, Ct);

        AssertSame([first, later], await Signals.ListSignalsAsync(session.Id, Ct));
        AssertSame(newest, await Signals.GetScoreAsync(session.Id, Ct));
    }

    [Fact]
    public async Task OnlyTheSessionsOwnSignalsAreListedAndASessionWithoutAnyHasNoScore()
    {
        var session = await CreateSessionAsync();
        var other = await CreateSessionAsync();
        await Signals.SaveSignalsAsync([NewSignal(other, 0, "rage_click")], NewScore(other, 25, ["rage_click"]), Ct);

        Assert.Empty(await Signals.ListSignalsAsync(session.Id, Ct));
        Assert.Null(await Signals.GetScoreAsync(session.Id, Ct));
        Assert.Single(await Signals.ListSignalsAsync(other.Id, Ct));
    }

    [Fact]
    public async Task SignalsAndScoreSurviveReopening()
    {
        var session = await CreateSessionAsync();
        var signal = NewSignal(session, 0, "form_abandonment");
        var score = NewScore(session, 15, ["form_abandonment"]);
        await Signals.SaveSignalsAsync([signal], score, Ct);

        await ReopenAsync();

        AssertSame([signal], await Signals.ListSignalsAsync(session.Id, Ct));
        AssertSame(score, await Signals.GetScoreAsync(session.Id, Ct));
    }

    [Fact]
    public async Task SessionListsFilterBySignalTypeAndScoreAndSortByScoreAcrossPages()
    {
        var project = NewId("project");
        var calm = await CreateSessionAsync(project, At(0));
        var angry = await CreateSessionAsync(project, At(1000));
        var annoyed = await CreateSessionAsync(project, At(2000));
        var alsoAngry = await CreateSessionAsync(project, At(3000));
        await Signals.SaveSignalsAsync([NewSignal(angry, 0, "rage_click")], NewScore(angry, 75, ["rage_click"]), Ct);
        await Signals.SaveSignalsAsync([NewSignal(annoyed, 0, "dead_click")], NewScore(annoyed, 10, ["dead_click"]), Ct);
        await Signals.SaveSignalsAsync([NewSignal(alsoAngry, 0, "error_click")], NewScore(alsoAngry, 75, ["error_click"]), Ct);

        async Task<List<string>> ListAsync(SessionQuery query)
        {
            var ids = new List<string>();
            for (var page = await Store.Sessions.ListSessionsAsync(query, Ct); ; page = await Store.Sessions.ListSessionsAsync(query with { Cursor = page.NextCursor }, Ct))
            {
                ids.AddRange(page.Items.Select(session => session.Id));
                if (page.NextCursor is null)
                {
                    return ids;
                }
            }
        }

        var all = new SessionQuery { ProjectId = project, Limit = 1 };
        Assert.Equal([angry.Id], await ListAsync(all with { SignalType = "rage_click" }));
        Assert.Equal([alsoAngry.Id, annoyed.Id, angry.Id], await ListAsync(all with { MinScore = 10 }));
        Assert.Equal([alsoAngry.Id, angry.Id], await ListAsync(all with { MinScore = 11 }));
        Assert.Equal([alsoAngry.Id, angry.Id, annoyed.Id, calm.Id], await ListAsync(all with { ByScore = true }));
        Assert.Equal([alsoAngry.Id, angry.Id, annoyed.Id, calm.Id], await ListAsync(all with { ByScore = true, Limit = 3 }));
        Assert.Equal([alsoAngry.Id, annoyed.Id, angry.Id, calm.Id], await ListAsync(all));
    }

    private async Task<SessionRecord> CreateSessionAsync(string? projectId = null, DateTimeOffset? startedAt = null)
    {
        var session = NewSession(projectId ?? NewId("project"), startedAt);
        await Store.Sessions.TryCreateSessionAsync(session, Ct);
        return session;
    }

    private static SignalRecord NewSignal(SessionRecord session, int index, string type) => new(
        session.Id, index, session.ProjectId, type, 1_714_564_800_000 + index, "https://shop.example.com/cart",
        "button#pay", "Pay now", """{"count":3,"spanMs":420,"clicks":[{"at":1,"x":2,"y":3}]}""", $"{type} number {index}");

    private static SessionScoreRecord NewScore(SessionRecord session, int score, IReadOnlyList<string> types) => new(
        session.Id, session.ProjectId, score, types.Count, types,
        [new PageScoreRecord("https://shop.example.com/cart", score), new PageScoreRecord("https://shop.example.com/pay", 0)]);

    /// <summary>Evidence compares as JSON (PostgreSQL's jsonb keeps the object, not its spacing or key order).</summary>
    private static void AssertSame(IReadOnlyList<SignalRecord> expected, IReadOnlyList<SignalRecord> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (want, got) in expected.Zip(actual))
        {
            Assert.Equal(want with { EvidenceJson = "" }, got with { EvidenceJson = "" });
            Assert.True(
                System.Text.Json.Nodes.JsonNode.DeepEquals(
                    System.Text.Json.Nodes.JsonNode.Parse(want.EvidenceJson), System.Text.Json.Nodes.JsonNode.Parse(got.EvidenceJson)),
                $"evidence {got.EvidenceJson} differs from {want.EvidenceJson}");
        }
    }

    private static void AssertSame(SessionScoreRecord expected, SessionScoreRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Types = [], Pages = [] }, actual with { Types = [], Pages = [] });
        Assert.Equal(expected.Types, actual.Types);
        Assert.Equal(expected.Pages, actual.Pages);
    }
}
