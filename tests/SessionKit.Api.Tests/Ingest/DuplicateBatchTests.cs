using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.Ingest;

public sealed class DuplicateBatchTests(SessionKitAppFixture fixture) : IClassFixture<SessionKitAppFixture>
{
    [Fact]
    public async Task ResentBatchIsAcknowledgedAndStoredOnce()
    {
        using var ingest = await fixture.App.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync();
        var first = Events(1000, 3);
        var second = Events(2000, 2);

        using (var response = await ingest.PostBatchAsync(sessionId, 0, first))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.False((await response.Content.ReadFromJsonAsync<JsonObject>())!["duplicate"]!.GetValue<bool>());
        }

        using (var resent = await ingest.PostBatchAsync(sessionId, 0, first))
        {
            Assert.Equal(HttpStatusCode.Accepted, resent.StatusCode);
            Assert.True((await resent.Content.ReadFromJsonAsync<JsonObject>())!["duplicate"]!.GetValue<bool>());
        }

        (await ingest.PostBatchAsync(sessionId, 1, second)).Dispose();
        (await ingest.PostBatchAsync(sessionId, 0, first, gzip: true)).Dispose();

        using var admin = fixture.App.CreateAdminClient();
        var stored = await admin.GetFromJsonAsync<JsonArray>($"/api/v1/sessions/{sessionId}/events");
        Assert.Equal(5, stored!.Count);
        Assert.Equal([1000L, 1001, 1002, 2000, 2001], stored.Select(e => e!["timestamp"]!.GetValue<long>()));
    }

    [Fact]
    public async Task BatchesArrivingOutOfSeqOrderAreAllStoredOnce()
    {
        using var ingest = await fixture.App.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync();
        foreach (var seq in new[] { 2, 0, 2, 1, 0, 3 })
        {
            using var response = await ingest.PostBatchAsync(sessionId, seq, Events(seq * 100, 1));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        using var admin = fixture.App.CreateAdminClient();
        var stored = await admin.GetFromJsonAsync<JsonArray>($"/api/v1/sessions/{sessionId}/events");
        Assert.Equal([200L, 0, 100, 300], stored!.Select(e => e!["timestamp"]!.GetValue<long>()));
    }

    public static JsonArray Events(long firstTimestamp, int count)
    {
        var events = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            events.Add(new JsonObject { ["type"] = 3, ["timestamp"] = firstTimestamp + i, ["data"] = new JsonObject { ["source"] = 2, ["type"] = 2, ["id"] = i } });
        }

        return events;
    }
}
