using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.Sessions;

/// <summary>What <c>GET /api/v1/sessions/{id}</c> reports after a session was started and fed batches.</summary>
public sealed class SessionMetadataTests(SessionKitAppFixture fixture) : IClassFixture<SessionKitAppFixture>
{
    [Fact]
    public async Task SessionReportsWhatTheStartSaidAndWhatTheBatchesCarried()
    {
        using var ingest = await fixture.App.CreateIngestClientAsync();
        var id = Guid.NewGuid().ToString("N");
        var visitorId = "v-" + Guid.NewGuid().ToString("N");
        var tabId = "t-" + Guid.NewGuid().ToString("N");
        var userAgent = "Mozilla/5.0 (X11; Linux x86_64) Test/" + Guid.NewGuid().ToString("N")[..6];
        using (var start = await ingest.PostAsJsonAsync("/api/v1/sessions/", new
        {
            id, visitorId, tabId, userAgent, url = "https://shop.example.com/", referrer = "https://search.example/",
            screen = new { width = 1440, height = 900 }, startedAt = "2026-11-21T10:00:00Z",
        }))
        {
            Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        }

        // The events exactly as sent: byteSize counts their UTF-8 bytes (é is two), gzip or not.
        string[] first = ["{\"type\":4,\"timestamp\":1000,\"data\":{\"href\":\"https://shop.example.com/caf\u00e9\"}}", "{\"type\":3,\"timestamp\":1500}"];
        string[] second = ["{\"type\":3,\"timestamp\":4000, \"data\" : {\"x\":1}}"];
        using (var response = await ingest.PostRawAsync($"/api/v1/sessions/{id}/events", Body(0, first)))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        using (var response = await ingest.PostRawAsync($"/api/v1/sessions/{id}/events", Body(1, second), gzip: true))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        using var admin = fixture.App.CreateAdminClient();
        var session = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/sessions/{id}");
        Assert.Equal(id, (string?)session!["id"]);
        Assert.Equal("default", (string?)session["projectId"]);
        Assert.Equal(visitorId, (string?)session["visitorId"]);
        Assert.Equal(tabId, (string?)session["tabId"]);
        Assert.Equal(userAgent, (string?)session["userAgent"]);
        Assert.Equal("https://search.example/", (string?)session["referrer"]);
        Assert.Equal(1440, session["screen"]!["width"]!.GetValue<int>());
        Assert.Equal(900, session["screen"]!["height"]!.GetValue<int>());
        Assert.Equal("https://shop.example.com/", (string?)session["firstUrl"]);
        Assert.Equal(["https://shop.example.com/", "https://shop.example.com/caf\u00e9"], session["pages"]!.AsArray().Select(p => (string)p!));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero), session["startedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("active", (string?)session["status"]);
        Assert.Equal(3, session["eventCount"]!.GetValue<long>());
        Assert.Equal(EventBytes(first) + EventBytes(second), session["byteSize"]!.GetValue<long>());
        Assert.Equal(3000, session["durationMs"]!.GetValue<long>());
        Assert.Equal(1000, session["firstEventAt"]!.GetValue<long>());
    }

    private static byte[] Body(long seq, string[] events) =>
        Encoding.UTF8.GetBytes($"{{\"seq\":{seq},\"events\":[{string.Join(',', events)}]}}");

    private static long EventBytes(string[] events) => Encoding.UTF8.GetByteCount(string.Join(',', events));
}
