using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SessionKit.Testing;
using SessionKit.Testing.Live;

namespace SessionKit.Api.Tests.Live;

/// <summary>New comments reach everyone looking at the session at once: live viewers and replays.</summary>
public sealed class LiveCommentTests
{
    private static readonly JsonArray Recording = Recordings.Load("rrweb-player-demoit.json");

    [Fact]
    public async Task AReplayListeningForCommentsGetsThemWithoutCountingAsAViewer()
    {
        using var app = new SessionKitApp();
        using var ingest = await app.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync();
        var batches = Recordings.Batch(Recording, maxEvents: 10);
        await LiveSteps.PostAsync(ingest, sessionId, 0, batches[0]);

        await using var replay = await LiveHubClient.ConnectAsync(app, app.AdminToken);
        await replay.InvokeAsync("WatchComments", sessionId);
        var answer = await LiveSteps.PostAsync(ingest, sessionId, 1, batches[1]);
        Assert.Null(answer["live"]); // no viewer: the SDK stays in normal batching

        var comment = await AddCommentAsync(app, sessionId, "Look at the editor", Recording[12]!["timestamp"]!.GetValue<long>());
        var pushed = await replay.WaitForAsync("CommentAdded", args => args[0].GetProperty("id").GetString() == comment, LiveSteps.Wait);
        Assert.Equal("Look at the editor", pushed[0].GetProperty("text").GetString());
        Assert.Empty(replay.Received("SessionEvents"));

        await replay.InvokeAsync("UnwatchComments", sessionId);
        await using var viewer = await LiveSteps.WatchingViewerAsync(app, sessionId);
        var later = await AddCommentAsync(app, sessionId, "Second", Recording[13]!["timestamp"]!.GetValue<long>());
        await viewer.WaitForAsync("CommentAdded", args => args[0].GetProperty("id").GetString() == later, LiveSteps.Wait);
        Assert.DoesNotContain(replay.Received("CommentAdded"), args => args[0].GetProperty("id").GetString() == later);
    }

    [Fact]
    public async Task AViewerAwaitingConsentStillSeesColleaguesComments()
    {
        using var app = new SessionKitApp();
        using var admin = app.CreateAdminClient();
        var project = await (await admin.PostAsJsonAsync("/api/v1/projects", new { name = "Consent", requireLiveConsent = true })).Content.ReadFromJsonAsync<JsonObject>();
        using var ingest = app.CreateClient();
        ingest.DefaultRequestHeaders.Add("X-SessionKit-Key", (string)project!["ingestKey"]!);
        var sessionId = await ingest.StartSessionAsync();
        await LiveSteps.PostAsync(ingest, sessionId, 0, Recordings.Batch(Recording, maxEvents: 10)[0]);

        await using var viewer = await LiveHubClient.ConnectAsync(app, app.AdminToken);
        var watch = await viewer.InvokeAsync("WatchSession", sessionId);
        Assert.Equal("awaiting-consent", watch!.Value.GetProperty("status").GetString());
        var comment = await AddCommentAsync(app, sessionId, "Waiting for the visitor", Recording[5]!["timestamp"]!.GetValue<long>());
        await viewer.WaitForAsync("CommentAdded", args => args[0].GetProperty("id").GetString() == comment, LiveSteps.Wait);
        Assert.Empty(viewer.Received("SessionEvents"));
    }

    [Fact]
    public async Task StrangersCannotListenForComments()
    {
        using var app = new SessionKitApp();
        using var ingest = await app.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync();
        await using var stranger = await LiveHubClient.ConnectAsync(app);
        var refused = await Assert.ThrowsAsync<LiveHubException>(() => stranger.InvokeAsync("WatchComments", sessionId));
        Assert.Contains("Not allowed", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<string> AddCommentAsync(SessionKitApp app, string sessionId, string text, long at)
    {
        using var admin = app.CreateAdminClient();
        using var created = await admin.PostAsJsonAsync($"/api/v1/sessions/{sessionId}/comments", new { text, at });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }
}
