using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SessionKit.Testing;

namespace SessionKit.Cluster.Tests.Support;

/// <summary>
/// Sessions sending batches the way the SDK does (in order, one in flight, the same seq again after a
/// failure), spread over the cluster's nodes: a session sticks to its node and moves to the next one when
/// that node fails or answers 503. Keeps a ledger of every acknowledged batch, to check storage against.
/// Session ids are picked so that session i lands in partition i mod 32: every partition has traffic.
/// </summary>
internal sealed class IngestDriver(ClusterUnderTest cluster, int sessions, TimeSpan pause)
{
    private const int Partitions = 32;
    private const string SessionGrain = "SessionKit.Grains.Sessions.ISessionGrain";

    private readonly ConcurrentDictionary<string, List<JsonArray>> _acknowledged = new();
    private readonly ConcurrentQueue<(DateTimeOffset At, HttpStatusCode? Status, string? RetryAfter)> _failures = new();
    private long _batches;

    public long AcknowledgedBatches => Interlocked.Read(ref _batches);

    public IReadOnlyCollection<(DateTimeOffset At, HttpStatusCode? Status, string? RetryAfter)> Failures => _failures;

    /// <summary>Starts sending in the background; <see cref="Load.StopAndVerifyAsync"/> ends it and checks storage.</summary>
    public Load Start(ITestOutputHelper output)
    {
        var stop = new CancellationTokenSource();
        return new Load(this, RunAsync(stop.Token), stop, output);
    }

    /// <summary>Sends until <paramref name="stop"/> is cancelled; every session finishes its batch in flight first.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var key = await cluster.IngestKeyAsync();
        await Task.WhenAll(Enumerable.Range(0, sessions).Select(index => RunSessionAsync(index, key, stop)));
    }

    /// <summary>Every session's stored events are exactly what was acknowledged, in order, each once.</summary>
    public async Task VerifyAsync()
    {
        using var admin = cluster.AdminClient(cluster.Nodes.First(node => !node.HasExited));
        foreach (var (sessionId, batches) in _acknowledged)
        {
            var expected = new JsonArray([.. batches.SelectMany(batch => batch).Select(e => e!.DeepClone())]);
            var stored = await admin.GetFromJsonAsync<JsonArray>($"/api/v1/sessions/{sessionId}/events");
            Assert.True(JsonNode.DeepEquals(expected, stored),
                $"session {sessionId}: {stored?.Count} events stored, {expected.Count} acknowledged");
        }
    }

    private async Task RunSessionAsync(int index, string key, CancellationToken stop)
    {
        var node = index % cluster.Nodes.Count;
        var sessionId = SessionIdInPartition(index % Partitions);
        var ledger = _acknowledged[sessionId] = [];
        await SendUntilAcknowledgedAsync(() => StartAsync(node, key, sessionId), next => node = next, node);
        for (var seq = 0L; !stop.IsCancellationRequested; seq++)
        {
            var events = Events(sessionId, seq);
            await SendUntilAcknowledgedAsync(() => PostAsync(node, key, sessionId, seq, events), next => node = next, node);
            ledger.Add(events);
            Interlocked.Increment(ref _batches);
            await Task.Delay(pause, CancellationToken.None);
        }
    }

    /// <summary>Repeats the request (moving to the next node after a failure) until it is acknowledged.</summary>
    private async Task SendUntilAcknowledgedAsync(Func<Task<HttpResponseMessage>> send, Action<int> moveTo, int node)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                using var response = await send();
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                _failures.Enqueue((DateTimeOffset.UtcNow, response.StatusCode, response.Headers.RetryAfter?.ToString()));
                Assert.True((int)response.StatusCode >= 500, $"a request was refused with {(int)response.StatusCode}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                _failures.Enqueue((DateTimeOffset.UtcNow, null, null));
            }

            Assert.True(DateTime.UtcNow < deadline, "a batch stayed unacknowledged for 90 s");
            node = (node + 1) % cluster.Nodes.Count;
            moveTo(node);
            await Task.Delay(200);
        }
    }

    private static string SessionIdInPartition(int partition)
    {
        while (true)
        {
            var id = "drv" + Guid.NewGuid().ToString("N");
            if (SessionKit.Silo.Cluster.GrainPartitioner.PartitionOf(SessionGrain, id, Partitions) == partition)
            {
                return id;
            }
        }
    }

    private Task<HttpResponseMessage> StartAsync(int node, string key, string sessionId) =>
        cluster.IngestClient(node, key).PostAsJsonAsync("/api/v1/sessions/", new { id = sessionId, url = "https://shop.example.com/" });

    // Plain and gzip alternately, as the SDK sends both: a gzipped batch crosses the broker as its body alone.
    private Task<HttpResponseMessage> PostAsync(int node, string key, string sessionId, long seq, JsonArray events) =>
        cluster.IngestClient(node, key).PostBatchAsync(sessionId, seq, events, gzip: seq % 2 == 1);

    /// <summary>Two mouse moves whose content names the session and seq, so a misplaced or repeated batch shows.</summary>
    private static JsonArray Events(string sessionId, long seq)
    {
        var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return new JsonArray(
            new JsonObject { ["type"] = 3, ["timestamp"] = at, ["data"] = new JsonObject { ["source"] = 1, ["tag"] = $"{sessionId}/{seq}/0" } },
            new JsonObject { ["type"] = 3, ["timestamp"] = at + 1, ["data"] = new JsonObject { ["source"] = 1, ["tag"] = $"{sessionId}/{seq}/1" } });
    }

    /// <summary>Load running in the background.</summary>
    internal sealed class Load(IngestDriver driver, Task running, CancellationTokenSource stop, ITestOutputHelper output)
    {
        /// <summary>Stops sending, reports what was sent, and asserts storage holds exactly what was acknowledged.</summary>
        public async Task StopAndVerifyAsync()
        {
            await stop.CancelAsync();
            await running;
            stop.Dispose();
            output.WriteLine($"{driver.AcknowledgedBatches} batches acknowledged, {driver.Failures.Count} failed attempts (retried)");
            await driver.VerifyAsync();
        }
    }
}
