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
        var sessionId = await RecordingRoundTrip.IngestAsync(ingest, events);

        using var admin = fixture.App.CreateAdminClient();
        await RecordingRoundTrip.AssertStoredAsync(admin, sessionId, events, recording);
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
