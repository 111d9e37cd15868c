using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SessionKit.Cluster.Tests.Support;
using SessionKit.Silo.Cluster;
using SessionKit.Testing;
using SessionKit.Testing.Live;

namespace SessionKit.Cluster.Tests;

/// <summary>Live streams travel from the node that owns a session to the node that holds its viewer.</summary>
public sealed class CrossNodeLiveTests(ITestOutputHelper output)
{
    private const string SessionGrain = "SessionKit.Grains.Sessions.ISessionGrain";

    [Fact]
    public Task AViewerOnOneNodeReceivesEveryBatchOfASessionOwnedByAnother() =>
        ClusterUnderTest.RunAsync(nodes: 3, output, async cluster =>
        {
            var recording = Recordings.Load("rrweb-player-demoit.json");
            var batches = Recordings.Batch(recording, maxEvents: 10);
            var key = await cluster.IngestKeyAsync();
            var sessionId = "live" + Guid.NewGuid().ToString("N");
            var ingest = cluster.IngestClient(0, key);
            (await ingest.PostAsJsonAsync("/api/v1/sessions/", new { id = sessionId })).EnsureSuccessStatusCode();
            await PostAsync(ingest, sessionId, 0, batches[0]);

            // The owner is the node processing the session's partition; the viewer connects elsewhere.
            var partition = GrainPartitioner.PartitionOf(SessionGrain, sessionId, 32);
            string owner = "";
            await Eventually.HoldsAsync(async () =>
            {
                owner = (await cluster.ActivePartitionsAsync()).SingleOrDefault(node => node.Value.Contains(partition)).Key ?? "";
                return owner.Length > 0;
            }, TimeSpan.FromSeconds(10), "some node processes the session's partition");
            var viewerNode = Enumerable.Range(0, 3).First(i => cluster.NodeId(i) != owner);
            output.WriteLine($"session owned by {owner}, viewer on {cluster.NodeId(viewerNode)}");

            await using var viewer = await LiveHubClient.ConnectAsync(cluster.Nodes[viewerNode].BaseAddress, cluster.AdminToken);
            var watch = await viewer.InvokeAsync("WatchSession", sessionId);
            Assert.Equal("streaming", watch!.Value.GetProperty("status").GetString());
            for (var seq = 1; seq < batches.Count; seq++)
            {
                await PostAsync(cluster.IngestClient(seq % 3, key), sessionId, seq, batches[seq]);
            }

            var received = new List<JsonNode>();
            long? last = null;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (received.Count < recording.Count)
            {
                var message = await viewer.Messages.ReadAsync(timeout.Token);
                if (message.Target != "SessionEvents")
                {
                    continue;
                }

                var seq = message.Arguments[1].GetProperty("seq").GetInt64();
                Assert.True(last is null || seq == last + 1, $"seq {seq} after {last}");
                last = seq;
                received.AddRange(JsonNode.Parse(message.Arguments[1].GetProperty("events").GetRawText())!.AsArray().Select(e => e!.DeepClone()));
            }

            Assert.True(JsonNode.DeepEquals(recording, new JsonArray([.. received])));
        });

    private static async Task PostAsync(HttpClient ingest, string sessionId, long seq, JsonArray events)
    {
        using var response = await ingest.PostBatchAsync(sessionId, seq, events);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
    }
}
