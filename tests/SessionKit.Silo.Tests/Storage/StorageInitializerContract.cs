using SessionKit.Silo.Storage;
using static SessionKit.Silo.Tests.Storage.TestData;

namespace SessionKit.Silo.Tests.Storage;

/// <summary>What every storage must guarantee across initializations and restarts.</summary>
public abstract class StorageInitializerContract : StorageContract
{
    [Fact]
    public async Task InitializingAgainChangesNothing()
    {
        var session = NewSession(NewId("project"));
        await Store.Sessions.TryCreateSessionAsync(session, Ct);

        await Store.Initializer.InitializeAsync(Ct);
        await Store.Initializer.InitializeAsync(Ct);

        AssertSameSession(session, await Store.Sessions.GetSessionAsync(session.Id, Ct));
    }

    [Fact]
    public async Task EverythingWrittenIsReadableAfterReopening()
    {
        var project = NewProject("https://shop.example") with { RequireLiveConsent = true };
        var admin = new AdminRecord(NewId("admin"), "hash", At(1));
        var session = NewSession(project.Id) with { Pages = ["https://shop.example/"], NextOrdinal = 3, LiveConsentGranted = true };
        var comment = new CommentRecord(NewId("comment"), session.Id, project.Id, "ada", "stuck here", 1_234, At(2));
        await Store.Projects.TryCreateProjectAsync(project, Ct);
        await Store.Admins.TryCreateFirstAdminAsync(admin, Ct);
        for (var ordinal = 0; ordinal < 3; ordinal++)
        {
            await Store.Sessions.AppendBatchAsync(Appending(session, ordinal), Batch(session, ordinal), Ct);
        }

        await Store.Sessions.WriteChunkAsync(After(session, 3), Chunk(session, 0, 1), Ct);
        await Store.Comments.AddCommentAsync(comment, Ct);

        var reopened = await ReopenAsync();

        var found = await reopened.Projects.FindProjectByIngestKeyAsync(project.IngestKey, Ct);
        Assert.Equal(project.IngestKey, found?.IngestKey);
        Assert.True(found!.RequireLiveConsent);
        Assert.Equal([comment], await reopened.Comments.ListCommentsAsync(session.Id, Ct));
        Assert.Equal(admin, await reopened.Admins.FindAdminAsync(admin.UserName, Ct));
        AssertSameSession(session, await reopened.Sessions.GetSessionAsync(session.Id, Ct));
        var segments = await reopened.Sessions.ReadSegmentsAsync(session.Id, Ct).ToListAsync();
        Assert.Equal([(0L, "gzip"), (2L, "identity")], segments.Select(segment => (segment.FirstOrdinal, segment.Codec)));
    }

    [Fact]
    public async Task TwoStoresOpenOnTheSameDatabaseSeeEachOthersWrites()
    {
        var other = await OpenAsync();
        var session = NewSession(NewId("project"));

        await other.Sessions.TryCreateSessionAsync(session, Ct);

        AssertSameSession(session, await Store.Sessions.GetSessionAsync(session.Id, Ct));
        Assert.False(await Store.Sessions.TryCreateSessionAsync(session, Ct));
    }
}
