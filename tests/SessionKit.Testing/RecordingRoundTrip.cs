using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace SessionKit.Testing;

/// <summary>A real recording sent through the HTTP API in batches and read back, for the round-trip tests of every storage.</summary>
public static class RecordingRoundTrip
{
    /// <summary>
    /// Starts a session and posts <paramref name="events"/> in batches, plain and gzip alternately as the SDK
    /// sends both (bodies over the 1 MiB limit always gzip); asserts every batch is acknowledged.
    /// </summary>
    public static async Task<string> IngestAsync(HttpClient ingest, JsonArray events)
    {
        var sessionId = await ingest.StartSessionAsync();
        var seq = 0;
        foreach (var batch in Recordings.Batch(events))
        {
            var gzip = seq % 2 == 1 || batch.ToJsonString().Length > 900_000;
            using var response = await ingest.PostBatchAsync(sessionId, seq, batch, gzip);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            seq++;
        }

        return sessionId;
    }

    /// <summary>Asserts the session's stored events are <paramref name="events"/>, in order, and counted as many.</summary>
    public static async Task AssertStoredAsync(HttpClient admin, string sessionId, JsonArray events, string recording)
    {
        var stored = await admin.GetFromJsonAsync<JsonArray>($"/api/v1/sessions/{sessionId}/events");
        Assert.True(JsonNode.DeepEquals(events, stored), $"{recording}: stored events differ from what was sent");
        var session = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/sessions/{sessionId}");
        Assert.Equal(events.Count, session!["eventCount"]!.GetValue<long>());
    }
}
