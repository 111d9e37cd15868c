using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SessionKit.Testing;
using SessionKit.Testing.Live;

namespace SessionKit.Api.Tests.Live;

/// <summary>Steps the live hub tests share: watching, posting batches, reading a session's stream.</summary>
internal static class LiveSteps
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    public static async Task<LiveHubClient> WatchingViewerAsync(SessionKitApp app, string sessionId)
    {
        var viewer = await LiveHubClient.ConnectAsync(app, app.AdminToken);
        await viewer.InvokeAsync("WatchSession", sessionId);
        return viewer;
    }

    /// <summary>Posts one batch, asserts the 202 and returns the answer.</summary>
    public static async Task<JsonObject> PostAsync(HttpClient ingest, string sessionId, long seq, JsonArray events)
    {
        using var response = await ingest.PostBatchAsync(sessionId, seq, events, gzip: true);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Reads the session's SessionEvents in order until <paramref name="count"/> events, asserting consecutive seqs.</summary>
    public static async Task<List<JsonNode>> ReceiveAllAsync(LiveHubClient viewer, string sessionId, int count)
    {
        var events = new List<JsonNode>();
        long? lastSeq = null;
        using var timeout = new CancellationTokenSource(Wait);
        while (events.Count < count)
        {
            var message = await viewer.Messages.ReadAsync(timeout.Token);
            if (message.Target == "SessionEvents" && message.Arguments[0].GetString() == sessionId)
            {
                Append(message.Arguments[1]);
            }
        }

        Assert.Equal(count, events.Count);
        return events;

        void Append(JsonElement batch)
        {
            var seq = batch.GetProperty("seq").GetInt64();
            Assert.True(lastSeq is null || seq == lastSeq + 1, $"seq {seq} after {lastSeq}");
            lastSeq = seq;
            events.AddRange(JsonNode.Parse(batch.GetProperty("events").GetRawText())!.AsArray().Select(e => e!.DeepClone()));
        }
    }

    public static async Task<JsonObject> EventuallyAsync(Func<Task<JsonObject?>> attempt)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            if (await attempt() is { } result)
            {
                return result;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("Condition not met in time.");
    }

    public static JsonArray AsArray(IEnumerable<JsonNode> events) => new([.. events.Select(e => e.DeepClone())]);
}
