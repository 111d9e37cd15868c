using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.Ingest;

/// <summary>A 2xx on ingest means durable: kill -9 right after the acknowledgements loses nothing.</summary>
public sealed class DurabilityTests
{
    [Fact]
    public async Task AcknowledgedBatchesSurviveKillNine()
    {
        var dataDirectory = RepositoryPaths.NewTempDirectory("durability");
        var adminToken = "durability-" + Guid.NewGuid().ToString("N");
        var events = Recordings.Load("rrweb-player-demoit.json");
        var acknowledged = new JsonArray();
        string sessionId;

        await using (var server = await ServerProcess.StartAsync(dataDirectory, adminToken))
        {
            using var admin = server.CreateClient(adminToken: adminToken);
            var projects = await admin.GetFromJsonAsync<JsonArray>("/api/v1/projects");
            var key = (string)projects!.Single(p => (string?)p!["id"] == "default")!["ingestKey"]!;
            using var ingest = server.CreateClient(ingestKey: key);
            sessionId = await ingest.StartSessionAsync();

            var seq = 0;
            foreach (var batch in Recordings.Batch(events, maxEvents: 10))
            {
                using var response = await ingest.PostBatchAsync(sessionId, seq++, batch, gzip: seq % 2 == 0);
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                foreach (var e in batch)
                {
                    acknowledged.Add(e!.DeepClone());
                }
            }

            // No graceful stop: whatever the grain still buffered in memory must already be on disk.
            server.Kill();
        }

        await using (var restarted = await ServerProcess.StartAsync(dataDirectory, adminToken))
        {
            using var admin = restarted.CreateClient(adminToken: adminToken);
            var stored = await admin.GetFromJsonAsync<JsonArray>($"/api/v1/sessions/{sessionId}/events");
            Assert.Equal(acknowledged.Count, stored!.Count);
            Assert.True(JsonNode.DeepEquals(acknowledged, stored));

            // The restarted grain resumes the seq window: a resend after the crash is still stored once.
            var key = (string)(await admin.GetFromJsonAsync<JsonArray>("/api/v1/projects"))!.Single(p => (string?)p!["id"] == "default")!["ingestKey"]!;
            using var ingest = restarted.CreateClient(ingestKey: key);
            using var resent = await ingest.PostBatchAsync(sessionId, 0, Recordings.Batch(events, maxEvents: 10)[0]);
            Assert.Equal(HttpStatusCode.Accepted, resent.StatusCode);
            Assert.True((await resent.Content.ReadFromJsonAsync<JsonObject>())!["duplicate"]!.GetValue<bool>());
            var session = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/sessions/{sessionId}");
            Assert.Equal(acknowledged.Count, session!["eventCount"]!.GetValue<long>());
        }

        Directory.Delete(dataDirectory, recursive: true);
    }
}
