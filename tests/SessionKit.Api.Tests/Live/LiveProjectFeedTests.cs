using System.Text.Json.Nodes;
using SessionKit.Testing;
using SessionKit.Testing.Live;

namespace SessionKit.Api.Tests.Live;

/// <summary>WatchProject: SessionStarted, SessionUpdated and SessionEnded for the project's sessions.</summary>
public sealed class LiveProjectFeedTests
{
    private static readonly JsonArray Recording = Recordings.Load("rrweb-player-demoit.json");

    [Fact]
    public async Task ProjectWatchersFollowASessionFromStartToEnd()
    {
        using var app = new SessionKitApp(new Dictionary<string, string?>
        {
            ["SessionKit:Sessions:InactivityTimeout"] = "00:00:02",
            ["SessionKit:Sessions:InactivityScanInterval"] = "00:00:00.250",
        });
        await using var agent = await LiveHubClient.ConnectAsync(app, app.AdminToken);
        await agent.InvokeAsync("WatchProject", "default");
        using var ingest = await app.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync(url: "https://shop.example.com/start");
        var started = await agent.WaitForAsync("SessionStarted", args => Id(args) == sessionId, LiveSteps.Wait);
        Assert.Equal("active", started[0].GetProperty("status").GetString());

        await LiveSteps.PostAsync(ingest, sessionId, 0, Recordings.Batch(Recording, maxEvents: 10)[0]);
        var updated = await agent.WaitForAsync("SessionUpdated", args => Id(args) == sessionId, LiveSteps.Wait);
        Assert.Equal(10, updated[0].GetProperty("eventCount").GetInt64());
        Assert.True(updated[0].GetProperty("lastActivityAt").GetDateTimeOffset() >= started[0].GetProperty("lastActivityAt").GetDateTimeOffset());

        // Quiet for longer than the inactivity timeout: the session ends and watchers are told.
        var ended = await agent.WaitForAsync("SessionEnded", args => Id(args) == sessionId, LiveSteps.Wait);
        Assert.Equal("ended", ended[0].GetProperty("status").GetString());
        Assert.False(ended[0].GetProperty("endedAt").ValueKind is System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task AnUnwatchedProjectSendsNothingMore()
    {
        using var app = new SessionKitApp();
        await using var agent = await LiveHubClient.ConnectAsync(app, app.AdminToken);
        await agent.InvokeAsync("WatchProject", "default");
        using var ingest = await app.CreateIngestClientAsync();
        var first = await ingest.StartSessionAsync();
        await agent.WaitForAsync("SessionStarted", args => Id(args) == first, LiveSteps.Wait);

        await agent.InvokeAsync("UnwatchProject", "default");
        var second = await ingest.StartSessionAsync();
        // A second watcher hearing of it proves the message was sent; the first one unwatched.
        await using var other = await LiveHubClient.ConnectAsync(app, app.AdminToken);
        await other.InvokeAsync("WatchProject", "default");
        await LiveSteps.PostAsync(ingest, second, 0, Recordings.Batch(Recording, maxEvents: 10)[0]);
        await other.WaitForAsync("SessionUpdated", args => Id(args) == second, LiveSteps.Wait);
        Assert.DoesNotContain(agent.Received("SessionStarted"), args => Id(args) == second);
        Assert.DoesNotContain(agent.Received("SessionUpdated"), args => Id(args) == second);
    }

    private static string? Id(IReadOnlyList<System.Text.Json.JsonElement> args) => args[0].GetProperty("id").GetString();
}
