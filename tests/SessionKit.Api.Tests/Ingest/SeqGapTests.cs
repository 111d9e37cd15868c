using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.Ingest;

/// <summary>
/// A 2xx on ingest means the batch is stored, so a batch the server cannot store (too many seqs
/// already wait above a gap) answers 409 naming the missing seq, and is never acknowledged.
/// </summary>
public sealed class SeqGapTests : IDisposable
{
    private const int MaxAboveGap = 16;

    private readonly SessionKitApp _app = new(new Dictionary<string, string?>
    {
        ["SessionKit:Sessions:MaxOutOfOrderBatches"] = MaxAboveGap.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    [Fact]
    public async Task BatchAboveAFullGapIsConflictNamingTheMissingSeqAndTheGapCanStillClose()
    {
        using var ingest = await _app.CreateIngestClientAsync();
        var sessionId = await ingest.StartSessionAsync();
        (await ingest.PostBatchAsync(sessionId, 0, DuplicateBatchTests.Events(0, 1))).Dispose();
        for (var seq = 2; seq <= MaxAboveGap + 1; seq++)
        {
            using var accepted = await ingest.PostBatchAsync(sessionId, seq, DuplicateBatchTests.Events(seq * 100, 1));
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        using (var refused = await ingest.PostBatchAsync(sessionId, MaxAboveGap + 2, DuplicateBatchTests.Events(9999, 1)))
        {
            var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict, "seq too far ahead");
            Assert.Equal(1, problem["missingSeq"]!.GetValue<long>());
            Assert.Contains("seq 1 is missing", (string?)problem["detail"]);
        }

        using var admin = _app.CreateAdminClient();
        var stored = await admin.GetFromJsonAsync<JsonArray>($"/api/v1/sessions/{sessionId}/events");
        Assert.DoesNotContain(stored!, e => e!["timestamp"]!.GetValue<long>() == 9999);

        using (var closing = await ingest.PostBatchAsync(sessionId, 1, DuplicateBatchTests.Events(100, 1)))
        {
            Assert.Equal(HttpStatusCode.Accepted, closing.StatusCode);
        }

        using (var retried = await ingest.PostBatchAsync(sessionId, MaxAboveGap + 2, DuplicateBatchTests.Events(9999, 1)))
        {
            Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
            Assert.False((await retried.Content.ReadFromJsonAsync<JsonObject>())!["duplicate"]!.GetValue<bool>());
        }

        stored = await admin.GetFromJsonAsync<JsonArray>($"/api/v1/sessions/{sessionId}/events");
        Assert.Equal(MaxAboveGap + 3, stored!.Count);
    }

    public void Dispose() => _app.Dispose();
}
