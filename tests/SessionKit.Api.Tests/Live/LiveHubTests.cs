using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SessionKit.Testing;
using SessionKit.Testing.Live;

namespace SessionKit.Api.Tests.Live;

/// <summary>The live hub contract of docs/api.md, through a real SignalR JSON-protocol connection.</summary>
public sealed class LiveHubTests(SessionKitAppFixture fixture) : IClassFixture<SessionKitAppFixture>
{
    private static readonly TimeSpan Wait = LiveSteps.Wait;
    private static readonly JsonArray Recording = Recordings.Load("rrweb-player-demoit.json");

    [Fact]
    public async Task ViewerJoiningMidSessionGetsSnapshotCatchUpThenEveryBatchInOrder()
    {
        using var ingest = await fixture.App.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync();
        var batches = Recordings.Batch(Recording, maxEvents: 10);
        for (var seq = 0; seq < 5; seq++)
        {
            await LiveSteps.PostAsync(ingest, sessionId, seq, batches[seq]);
        }

        await using var viewer = await LiveHubClient.ConnectAsync(fixture.App, fixture.App.AdminToken);
        var result = await viewer.InvokeAsync("WatchSession", sessionId);
        Assert.Equal("streaming", result!.Value.GetProperty("status").GetString());

        for (var seq = 5; seq < batches.Count; seq++)
        {
            await LiveSteps.PostAsync(ingest, sessionId, seq, batches[seq]);
        }

        var received = await LiveSteps.ReceiveAllAsync(viewer, sessionId, Recording.Count);
        Assert.Equal(4, received[0]["type"]!.GetValue<int>());
        Assert.Equal(2, received[1]["type"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(Recording, new JsonArray([.. received.Select(e => e.DeepClone())])));
    }

    [Fact]
    public async Task TwoViewersReceiveTheSameStream()
    {
        using var ingest = await fixture.App.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync();
        var batches = Recordings.Batch(Recording, maxEvents: 30);
        await LiveSteps.PostAsync(ingest, sessionId, 0, batches[0]);

        await using var first = await LiveSteps.WatchingViewerAsync(fixture.App, sessionId);
        await using var second = await LiveSteps.WatchingViewerAsync(fixture.App, sessionId);
        for (var seq = 1; seq < batches.Count; seq++)
        {
            await LiveSteps.PostAsync(ingest, sessionId, seq, batches[seq]);
        }

        var one = await LiveSteps.ReceiveAllAsync(first, sessionId, Recording.Count);
        var two = await LiveSteps.ReceiveAllAsync(second, sessionId, Recording.Count);
        Assert.True(JsonNode.DeepEquals(new JsonArray([.. one.Select(e => e.DeepClone())]), new JsonArray([.. two.Select(e => e.DeepClone())])));
    }

    [Fact]
    public async Task UnauthorizedWatchIsRefusedAndReceivesNothing()
    {
        using var ingest = await fixture.App.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync();
        await LiveSteps.PostAsync(ingest, sessionId, 0, Recordings.Batch(Recording, maxEvents: 10)[0]);

        await using var stranger = await LiveHubClient.ConnectAsync(fixture.App);
        var refused = await Assert.ThrowsAsync<LiveHubException>(() => stranger.InvokeAsync("WatchSession", sessionId));
        Assert.Contains("Not allowed", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<LiveHubException>(() => stranger.InvokeAsync("WatchProject", "default"));

        await using var wrongToken = await LiveHubClient.ConnectAsync(fixture.App, "not-the-token");
        await Assert.ThrowsAsync<LiveHubException>(() => wrongToken.InvokeAsync("WatchSession", sessionId));

        // An authorized viewer receiving the next batch proves it was sent; the refused ones got none of it.
        await using var agent = await LiveSteps.WatchingViewerAsync(fixture.App, sessionId);
        await LiveSteps.PostAsync(ingest, sessionId, 1, Recordings.Batch(Recording, maxEvents: 10)[1]);
        await agent.WaitForAsync("SessionEvents", args => args[1].GetProperty("seq").GetInt64() == 1, Wait);
        Assert.Empty(stranger.Received("SessionEvents"));
        Assert.Empty(wrongToken.Received("SessionEvents"));
    }

    [Fact]
    public async Task UnwatchStopsTheStreamAndLiveModeEndsWithTheLastViewer()
    {
        using var ingest = await fixture.App.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync();
        var batches = Recordings.Batch(Recording, maxEvents: 10);
        var unwatched = await LiveSteps.PostAsync(ingest, sessionId, 0, batches[0]);
        Assert.Equal(JsonValueKind.Null, unwatched["live"]?.GetValueKind() ?? JsonValueKind.Null);

        await using var leaving = await LiveSteps.WatchingViewerAsync(fixture.App, sessionId);
        await using var staying = await LiveSteps.WatchingViewerAsync(fixture.App, sessionId);
        var watched = await LiveSteps.PostAsync(ingest, sessionId, 1, batches[1]);
        Assert.Equal(2, watched["live"]!["viewers"]!.GetValue<int>());
        Assert.Equal(100, watched["live"]!["flushIntervalMs"]!.GetValue<int>());
        await leaving.WaitForAsync("SessionEvents", args => args[1].GetProperty("seq").GetInt64() == 1, Wait);

        await leaving.InvokeAsync("UnwatchSession", sessionId);
        await LiveSteps.PostAsync(ingest, sessionId, 2, batches[2]);
        await staying.WaitForAsync("SessionEvents", args => args[1].GetProperty("seq").GetInt64() == 2, Wait);
        Assert.DoesNotContain(leaving.Received("SessionEvents"), args => args[1].GetProperty("seq").GetInt64() == 2);

        await staying.InvokeAsync("UnwatchSession", sessionId);
        var after = await LiveSteps.EventuallyAsync(async () =>
        {
            var answer = await LiveSteps.PostAsync(ingest, sessionId, 3, batches[3]);
            return answer["live"] is null ? answer : null;
        });
        Assert.Null(after["live"]);
    }

    [Fact]
    public async Task ProjectWatchersHearOfNewAndUpdatedSessions()
    {
        await using var agent = await LiveHubClient.ConnectAsync(fixture.App, fixture.App.AdminToken);
        await agent.InvokeAsync("WatchProject", "default");
        using var ingest = await fixture.App.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync(url: "https://shop.example.com/start");

        await agent.WaitForAsync("SessionStarted", args => args[0].GetProperty("id").GetString() == sessionId, Wait);
        await LiveSteps.PostAsync(ingest, sessionId, 0, Recordings.Batch(Recording, maxEvents: 10)[0]);
        var updated = await agent.WaitForAsync("SessionUpdated", args => args[0].GetProperty("id").GetString() == sessionId, Wait);
        Assert.Equal(Recording[0]!["data"]!["href"]!.GetValue<string>(), updated[0].GetProperty("currentUrl").GetString());
        Assert.Equal("active", updated[0].GetProperty("status").GetString());

        await using var viewer = await LiveSteps.WatchingViewerAsync(fixture.App, sessionId);
        await agent.WaitForAsync(
            "SessionUpdated", args => args[0].GetProperty("id").GetString() == sessionId && args[0].GetProperty("viewerCount").GetInt32() == 1, Wait);
    }

    [Fact]
    public async Task CommentsAreStoredListedAndPushedToViewers()
    {
        using var ingest = await fixture.App.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync();
        await LiveSteps.PostAsync(ingest, sessionId, 0, Recordings.Batch(Recording, maxEvents: 10)[0]);
        await using var colleague = await LiveSteps.WatchingViewerAsync(fixture.App, sessionId);

        using var admin = fixture.App.CreateAdminClient();
        var at = Recording[5]!["timestamp"]!.GetValue<long>();
        using var created = await admin.PostAsJsonAsync($"/api/v1/sessions/{sessionId}/comments", new { text = "Customer stuck on the editor", at });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var comment = await created.Content.ReadFromJsonAsync<JsonObject>();

        var pushed = await colleague.WaitForAsync("CommentAdded", args => args[0].GetProperty("id").GetString() == (string?)comment!["id"], Wait);
        Assert.Equal("Customer stuck on the editor", pushed[0].GetProperty("text").GetString());
        Assert.Equal(at, pushed[0].GetProperty("at").GetInt64());

        var listed = await admin.GetFromJsonAsync<JsonArray>($"/api/v1/sessions/{sessionId}/comments");
        Assert.Equal((string?)comment!["id"], (string?)Assert.Single(listed!)!["id"]);
        using var empty = await admin.PostAsJsonAsync($"/api/v1/sessions/{sessionId}/comments", new { text = " ", at });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        using var unknown = await admin.PostAsJsonAsync("/api/v1/sessions/no-such-session/comments", new { text = "x", at });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task ConsentRequiredProjectStreamsOnlyAfterTheVisitorAgrees()
    {
        using var admin = fixture.App.CreateAdminClient();
        var project = await (await admin.PostAsJsonAsync("/api/v1/projects", new { name = "Consent", requireLiveConsent = true })).Content.ReadFromJsonAsync<JsonObject>();
        using var ingest = fixture.App.CreateClient();
        ingest.DefaultRequestHeaders.Add("X-SessionKit-Key", (string)project!["ingestKey"]!);
        var sessionId = await ingest.StartSessionAsync();
        var batches = Recordings.Batch(Recording, maxEvents: 10);
        await LiveSteps.PostAsync(ingest, sessionId, 0, batches[0]);

        await using var viewer = await LiveHubClient.ConnectAsync(fixture.App, fixture.App.AdminToken);
        var result = await viewer.InvokeAsync("WatchSession", sessionId);
        Assert.Equal("awaiting-consent", result!.Value.GetProperty("status").GetString());
        Assert.Equal(1, result.Value.GetProperty("viewerCount").GetInt32());
        var asked = await LiveSteps.PostAsync(ingest, sessionId, 1, batches[1]);
        Assert.True(asked["consentRequested"]!.GetValue<bool>());
        Assert.Empty(viewer.Received("SessionEvents"));

        using var consent = await ingest.PostAsJsonAsync($"/api/v1/sessions/{sessionId}/live-consent", new { granted = true });
        Assert.Equal(HttpStatusCode.NoContent, consent.StatusCode);
        await viewer.WaitForAsync("ConsentChanged", args => args[1].GetString() == "streaming", Wait);
        var catchUp = await viewer.WaitForAsync("SessionEvents", Wait);
        Assert.Equal(4, catchUp[1].GetProperty("events")[0].GetProperty("type").GetInt32());
        Assert.Equal(1, catchUp[1].GetProperty("seq").GetInt64());
    }
}
