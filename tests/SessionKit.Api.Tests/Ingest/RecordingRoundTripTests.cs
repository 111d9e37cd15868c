using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.Ingest;

/// <summary>Real recordings go in through the HTTP API in batches and come back exactly as sent.</summary>
public sealed class RecordingRoundTripTests(SessionKitAppFixture fixture) : IClassFixture<SessionKitAppFixture>
{
    public static TheoryData<string> RecordingNames => Recordings.All();

    [Theory]
    [MemberData(nameof(RecordingNames))]
    public async Task RecordingComesBackEqualAndInOrder(string recording)
    {
        var events = Recordings.Load(recording);
        using var ingest = await fixture.App.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync();

        var seq = 0;
        foreach (var batch in Recordings.Batch(events))
        {
            // Alternate plain and gzip bodies, as the SDK sends both; bodies over the 1 MiB limit must be gzip.
            var gzip = seq % 2 == 1 || batch.ToJsonString().Length > 900_000;
            using var response = await ingest.PostBatchAsync(sessionId, seq, batch, gzip);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            seq++;
        }

        using var admin = fixture.App.CreateAdminClient();
        var stored = await admin.GetFromJsonAsync<JsonArray>($"/api/v1/sessions/{sessionId}/events");
        Assert.True(JsonNode.DeepEquals(events, stored), $"{recording}: stored events differ from what was sent");

        var session = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/sessions/{sessionId}");
        Assert.Equal(events.Count, session!["eventCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task OutOfOrderRecordingKeepsArrivalOrder()
    {
        var events = Recordings.Load("bard-rr-party-demo.json");
        Assert.NotEqual(2, events[0]!["type"]!.GetValue<int>()); // the full snapshot is not first in this fixture
        using var ingest = await fixture.App.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync();
        using (var response = await ingest.PostBatchAsync(sessionId, 0, events))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        using var admin = fixture.App.CreateAdminClient();
        var stored = await admin.GetFromJsonAsync<JsonArray>($"/api/v1/sessions/{sessionId}/events");
        Assert.Equal(
            events.Select(e => e!["timestamp"]!.GetValue<long>()),
            stored!.Select(e => e!["timestamp"]!.GetValue<long>()));
    }
}
