using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.Ingest;

/// <summary>
/// A 2xx on ingest means the batch is stored. A lost batch leaves a gap that never stops recording; its
/// batch is stored if it comes late, and a seq too old to tell stored or not answers 409, never 2xx.
/// </summary>
public sealed class SeqGapTests : IDisposable
{
    private readonly SessionKitApp _app = new(new Dictionary<string, string?>
    {
        ["SessionKit:Sessions:MaxOutOfOrderBatches"] = "4",
        ["SessionKit:Sessions:MaxSeqHoles"] = "1",
    });

    [Fact]
    public async Task ALostBatchNeverStopsRecordingAndNothingUnstoredIsAcknowledged()
    {
        using var ingest = await _app.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync();
        foreach (var seq in new long[] { 0, 2, 3, 4, 5, 6, 7, 8 })
        {
            await AcceptedAsync(ingest, sessionId, seq, duplicate: false);
        }

        // Seq 1 arrives long after it was given up: stored, then acknowledged as a duplicate.
        await AcceptedAsync(ingest, sessionId, 1, duplicate: false);
        await AcceptedAsync(ingest, sessionId, 1, duplicate: true);

        // Two more lost seqs (9, 15): only one hole is kept, so seq 9's is forgotten and seqs that old are
        // refused, not acknowledged.
        foreach (var seq in new long[] { 10, 11, 12, 13, 14, 16, 17, 18, 19, 20 })
        {
            await AcceptedAsync(ingest, sessionId, seq, duplicate: false);
        }

        using (var refused = await ingest.PostBatchAsync(sessionId, 2, DuplicateBatchTests.Events(9999, 1)))
        {
            var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict, "seq too old");
            Assert.Contains("Do not resend it", (string?)problem["detail"]);
        }

        await AcceptedAsync(ingest, sessionId, 15, duplicate: false);
        using var admin = _app.CreateAdminClient();
        var stored = await admin.GetFromJsonAsync<JsonArray>($"/api/v1/sessions/{sessionId}/events");
        Assert.Equal(20, stored!.Count);
        Assert.DoesNotContain(stored, e => e!["timestamp"]!.GetValue<long>() == 9999);
    }

    private static async Task AcceptedAsync(HttpClient ingest, string sessionId, long seq, bool duplicate)
    {
        using var response = await ingest.PostBatchAsync(sessionId, seq, DuplicateBatchTests.Events(seq * 100, 1));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(duplicate, (await response.Content.ReadFromJsonAsync<JsonObject>())!["duplicate"]!.GetValue<bool>());
    }

    public void Dispose() => _app.Dispose();
}
