using SessionKit.Silo.Storage;
using static SessionKit.Silo.Tests.Storage.TestData;

namespace SessionKit.Silo.Tests.Storage;

/// <summary>What every <see cref="ICommentStore"/> must do. Comments belong to a stored session.</summary>
public abstract class CommentStoreContract : StorageContract
{
    private ICommentStore Comments => Store.Comments;

    [Fact]
    public async Task AnAddedCommentIsListedWithEveryField()
    {
        var session = await CreateSessionAsync();
        var comment = new CommentRecord(
            NewId("comment"), session.Id, session.ProjectId, "ada", "Rage click on “Pay” ✋", 1_714_564_800_123,
            // A non-UTC offset: the instant must survive.
            new DateTimeOffset(2024, 5, 1, 14, 0, 0, 456, TimeSpan.FromHours(2)));

        await Comments.AddCommentAsync(comment, Ct);

        Assert.Equal([comment], await Comments.ListCommentsAsync(session.Id, Ct));
    }

    [Fact]
    public async Task CommentsAreListedByMomentThenCreationTimeThenId()
    {
        var session = await CreateSessionAsync();
        var (late, earlyCreatedLater, earlyCreatedFirst) = (
            NewComment(session, at: 3_000, createdAt: At(0)),
            NewComment(session, at: 1_000, createdAt: At(2)),
            NewComment(session, at: 1_000, createdAt: At(1)));
        var sameMomentAndTime = new[] { NewComment(session, 2_000, At(5)), NewComment(session, 2_000, At(5)) }
            .OrderBy(comment => comment.Id, StringComparer.Ordinal).ToArray();
        foreach (var comment in new[] { late, sameMomentAndTime[1], earlyCreatedLater, sameMomentAndTime[0], earlyCreatedFirst })
        {
            await Comments.AddCommentAsync(comment, Ct);
        }

        var listed = await Comments.ListCommentsAsync(session.Id, Ct);

        Assert.Equal(
            [earlyCreatedFirst.Id, earlyCreatedLater.Id, sameMomentAndTime[0].Id, sameMomentAndTime[1].Id, late.Id],
            listed.Select(comment => comment.Id));
    }

    [Fact]
    public async Task OnlyTheSessionsOwnCommentsAreListed()
    {
        var session = await CreateSessionAsync();
        var other = await CreateSessionAsync(session.ProjectId);
        var mine = NewComment(session, at: 1, createdAt: Epoch);
        await Comments.AddCommentAsync(mine, Ct);
        await Comments.AddCommentAsync(NewComment(other, at: 1, createdAt: Epoch), Ct);

        Assert.Equal([mine], await Comments.ListCommentsAsync(session.Id, Ct));
    }

    [Fact]
    public async Task ASessionWithoutCommentsListsNone()
    {
        var session = await CreateSessionAsync();

        Assert.Empty(await Comments.ListCommentsAsync(session.Id, Ct));
        Assert.Empty(await Comments.ListCommentsAsync(NewId("session"), Ct));
    }

    [Fact]
    public async Task ACommentOnAnUnknownSessionIsRefused()
    {
        var unknown = NewSession(NewId("project"));

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => Comments.AddCommentAsync(NewComment(unknown, at: 1, createdAt: Epoch), Ct));

        Assert.Empty(await Comments.ListCommentsAsync(unknown.Id, Ct));
    }

    [Fact]
    public async Task ACommentFiledUnderAnotherProjectThanItsSessionsIsRefused()
    {
        var session = await CreateSessionAsync();
        var misfiled = NewComment(session, at: 1, createdAt: Epoch) with { ProjectId = NewId("project") };

        await Assert.ThrowsAsync<InvalidOperationException>(() => Comments.AddCommentAsync(misfiled, Ct));

        Assert.Empty(await Comments.ListCommentsAsync(session.Id, Ct));
    }

    [Fact]
    public async Task AddingACommentIdTwiceIsRefusedAndKeepsTheFirst()
    {
        var session = await CreateSessionAsync();
        var first = NewComment(session, at: 1, createdAt: Epoch);
        await Comments.AddCommentAsync(first, Ct);

        await Assert.ThrowsAsync<StorageConflictException>(
            () => Comments.AddCommentAsync(first with { Text = "changed" }, Ct));

        Assert.Equal([first], await Comments.ListCommentsAsync(session.Id, Ct));
    }

    private async Task<SessionRecord> CreateSessionAsync(string? projectId = null)
    {
        var session = NewSession(projectId ?? NewId("project"));
        await Store.Sessions.TryCreateSessionAsync(session, Ct);
        return session;
    }

    private static CommentRecord NewComment(SessionRecord session, long at, DateTimeOffset createdAt) =>
        new(NewId("comment"), session.Id, session.ProjectId, "ada", $"note at {at}", at, createdAt);
}
