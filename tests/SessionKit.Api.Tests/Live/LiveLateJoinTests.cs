using System.Text.Json.Nodes;
using SessionKit.Testing;
using SessionKit.Testing.Live;

namespace SessionKit.Api.Tests.Live;

/// <summary>Viewers joining at any moment get a complete picture, with no gap and no duplicate.</summary>
public sealed class LiveLateJoinTests
{
    private static readonly JsonArray Recording = Recordings.Load("rrweb-player-demoit.json");

    [Fact]
    public async Task ViewersJoiningWhileBatchesArriveReceiveTheWholeStreamOnce()
    {
        using var app = new SessionKitApp();
        using var ingest = await app.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync();
        var batches = Recordings.Batch(Recording, maxEvents: 3);
        await LiveSteps.PostAsync(ingest, sessionId, 0, batches[0]);

        // The SDK keeps sending while viewers join: each join's catch-up races batches the feed is relaying.
        var sending = Task.Run(async () =>
        {
            for (var seq = 1; seq < batches.Count; seq++)
            {
                await LiveSteps.PostAsync(ingest, sessionId, seq, batches[seq]);
                await Task.Delay(10);
            }
        });
        var viewers = new List<LiveHubClient>();
        var joinedAt = new List<int>();
        for (var i = 0; i < 6 && !sending.IsCompleted; i++)
        {
            viewers.Add(await LiveSteps.WatchingViewerAsync(app, sessionId));
            joinedAt.Add(await ReceivedBatchesAsync(app, sessionId));
            await Task.Delay(40);
        }

        await sending;
        Assert.True(joinedAt.Distinct().Count() > 1, $"the viewers all joined at the same point ({string.Join(',', joinedAt)})");
        foreach (var viewer in viewers)
        {
            // The catch-up holds the snapshot and all after it, so every viewer sees the whole recording, once.
            var received = await LiveSteps.ReceiveAllAsync(viewer, sessionId, Recording.Count);
            Assert.True(JsonNode.DeepEquals(Recording, LiveSteps.AsArray(received)));
            await viewer.DisposeAsync();
        }
    }

    [Fact]
    public async Task AViewerOfASessionWithoutSnapshotInMemoryGetsTheOneTheSdkIsAskedFor()
    {
        using var app = new SessionKitApp(new Dictionary<string, string?> { ["SessionKit:Live:CatchUpMaxBytes"] = "65536" });
        using var ingest = await app.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync();
        var snapshot = new JsonArray(Recording[0]!.DeepClone(), Recording[1]!.DeepClone());
        await LiveSteps.PostAsync(ingest, sessionId, 0, snapshot);
        // More than CatchUpMaxBytes after the snapshot: the buffer is dropped.
        await LiveSteps.PostAsync(ingest, sessionId, 1, new JsonArray(LargeMutation(Recording[1]!["timestamp"]!.GetValue<long>() + 1)));

        await using var viewer = await LiveHubClient.ConnectAsync(app, app.AdminToken);
        await viewer.InvokeAsync("WatchSession", sessionId);
        var empty = await viewer.WaitForAsync("SessionEvents", LiveSteps.Wait);
        Assert.Equal(0, empty[1].GetProperty("events").GetArrayLength());
        Assert.Equal(1, empty[1].GetProperty("seq").GetInt64());

        var answer = await LiveSteps.PostAsync(ingest, sessionId, 2, new JsonArray(Recording[2]!.DeepClone()));
        Assert.True(answer["takeFullSnapshot"]!.GetValue<bool>());
        Assert.Equal(1, answer["live"]!["viewers"]!.GetValue<int>());

        // What rrweb's takeFullSnapshot records: a Meta and a FullSnapshot, sent as the next batch.
        await LiveSteps.PostAsync(ingest, sessionId, 3, snapshot);
        var fresh = await viewer.WaitForAsync("SessionEvents", args => args[1].GetProperty("seq").GetInt64() == 3, LiveSteps.Wait);
        Assert.Equal(4, fresh[1].GetProperty("events")[0].GetProperty("type").GetInt32());
        Assert.Equal(2, fresh[1].GetProperty("events")[1].GetProperty("type").GetInt32());
        Assert.Contains(viewer.Received("SessionEvents"), args => args[1].GetProperty("seq").GetInt64() == 2);
    }

    private static async Task<int> ReceivedBatchesAsync(SessionKitApp app, string sessionId)
    {
        using var admin = app.CreateAdminClient();
        var session = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<JsonObject>(admin, $"/api/v1/sessions/{sessionId}");
        return session!["eventCount"]!.GetValue<int>();
    }

    private static JsonObject LargeMutation(long timestamp) => new()
    {
        ["type"] = 3,
        ["timestamp"] = timestamp,
        ["data"] = new JsonObject
        {
            ["source"] = 0,
            ["texts"] = new JsonArray(new JsonObject { ["id"] = 1, ["value"] = new string('x', 70_000) }),
            ["attributes"] = new JsonArray(),
            ["removes"] = new JsonArray(),
            ["adds"] = new JsonArray(),
        },
    };
}
