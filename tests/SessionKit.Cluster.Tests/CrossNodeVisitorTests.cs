using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SessionKit.Cluster.Tests.Support;
using SessionKit.Grains.Sessions;
using SessionKit.Grains.Visitors;
using SessionKit.Silo.Cluster;
using SessionKit.Testing;

namespace SessionKit.Cluster.Tests;

/// <summary>Linking sessions to persons when session grains and visitor grains live on different nodes.</summary>
public sealed class CrossNodeVisitorTests(ITestOutputHelper output)
{
    private const int Partitions = 32;
    private static readonly string SessionGrain = typeof(ISessionGrain).FullName!;
    private static readonly string VisitorGrain = typeof(IVisitorGrain).FullName!;

    [Fact]
    public Task SessionsOnOneNodeAreLinkedByVisitorGrainsOnAnotherInEitherOrder() =>
        ClusterUnderTest.RunAsync(nodes: 2, output, async cluster =>
        {
            var owners = await OwnersAsync(cluster);
            var key = await cluster.IngestKeyAsync();
            var userId = "ada-" + Guid.NewGuid().ToString("N")[..8];
            var (laptop, phone) = (NewId("v"), NewId("v"));
            var expected = new List<string>();

            // The phone identifies first, then the laptop: an anonymous session, then one that logs in twice.
            expected.Add(await RecordAsync(cluster, owners, key, phone, 10_000, Identify(userId, 10_100)));
            expected.Add(await RecordAsync(cluster, owners, key, laptop, 0));
            expected.Add(await RecordAsync(cluster, owners, key, laptop, 20_000, Identify(userId, 20_100), Identify(userId, 20_200)));

            using var admin = cluster.AdminClient(cluster.Nodes[0]);
            JsonObject? person = null;
            await Eventually.HoldsAsync(async () =>
            {
                var response = await admin.GetAsync($"/api/v1/persons/{userId}");
                person = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
                return person?["sessions"]!.AsArray().Count == expected.Count;
            }, TimeSpan.FromSeconds(20), "the person has every session of both devices");

            Assert.Equal(expected.Order(StringComparer.Ordinal), person!["sessions"]!.AsArray().Select(s => (string)s!["id"]!).Order(StringComparer.Ordinal));
            Assert.Equal(new[] { laptop, phone }.Order(StringComparer.Ordinal), person["devices"]!.AsArray().Select(d => (string)d!["visitorId"]!).Order(StringComparer.Ordinal));

            // And the grains did run apart: each device's visitor grain on another node than its sessions' grains.
            var active = await cluster.ActivePartitionsAsync();
            string RanOn(string grain, string grainKey) =>
                active.Single(node => node.Value.Contains(GrainPartitioner.PartitionOf(grain, grainKey, Partitions))).Key;
            Assert.NotEqual(RanOn(VisitorGrain, IdentityKeys.Visitor("default", phone)), RanOn(SessionGrain, expected[0]));
            Assert.NotEqual(RanOn(VisitorGrain, IdentityKeys.Visitor("default", laptop)), RanOn(SessionGrain, expected[2]));
        });

    /// <summary>Starts a session whose grain is on another node than its device's visitor grain, and posts one batch.</summary>
    private static async Task<string> RecordAsync(
        ClusterUnderTest cluster, IReadOnlyDictionary<int, string> owners, string key, string visitorId, long startMs, params JsonObject[] events)
    {
        var visitorOwner = owners[GrainPartitioner.PartitionOf(VisitorGrain, IdentityKeys.Visitor("default", visitorId), Partitions)];
        string sessionId;
        do
        {
            sessionId = NewId("s");
        }
        while (owners[GrainPartitioner.PartitionOf(SessionGrain, sessionId, Partitions)] == visitorOwner);

        var ingest = cluster.IngestClient(0, key);
        (await ingest.PostAsJsonAsync("/api/v1/sessions/", new { id = sessionId, visitorId })).EnsureSuccessStatusCode();
        var batch = new JsonArray([Plain(startMs), .. events, Plain(startMs + 500)]);
        Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostBatchAsync(sessionId, 0, batch)).StatusCode);
        return sessionId;
    }

    /// <summary>Which node should process each partition (the assignment both nodes agree on), once it spans both nodes.</summary>
    private static async Task<IReadOnlyDictionary<int, string>> OwnersAsync(ClusterUnderTest cluster)
    {
        var owners = new Dictionary<int, string>();
        await Eventually.HoldsAsync(async () =>
        {
            var views = new List<Dictionary<int, string>>();
            foreach (var node in cluster.Nodes)
            {
                views.Add((await cluster.StatusAsync(node))["partitions"]!.AsArray()
                    .Where(p => p!["owner"] is not null)
                    .ToDictionary(p => (int)p!["partition"]!, p => (string)p!["owner"]!));
            }

            owners = views[0];
            if (owners.Count != Partitions || owners.Values.Distinct().Count() != 2
                || !views.All(view => view.Count == Partitions && view.All(pair => owners[pair.Key] == pair.Value)))
            {
                return false;
            }

            // Agreed is not yet moved: until each owner processes its partitions (hand-overs done), a grain may
            // still run on the node the partition is leaving. A node knows it is active once a delivery reached
            // it, so every partition gets a session start first.
            await ProbeEveryPartitionAsync(cluster);
            var active = await cluster.ActivePartitionsAsync();
            return owners.All(pair => active.TryGetValue(pair.Value, out var partitions) && partitions.Contains(pair.Key));
        }, TimeSpan.FromSeconds(30), "both nodes agree on an assignment spanning both, and each processes its own partitions");
        return owners;
    }

    private static async Task ProbeEveryPartitionAsync(ClusterUnderTest cluster)
    {
        var ingest = cluster.IngestClient(0, await cluster.IngestKeyAsync());
        var probes = new Dictionary<int, string>();
        while (probes.Count < Partitions)
        {
            var id = NewId("probe");
            probes.TryAdd(GrainPartitioner.PartitionOf(SessionGrain, id, Partitions), id);
        }

        foreach (var id in probes.Values)
        {
            // A start that fails (a partition moving right now) is simply tried again on the next round.
            using var response = await ingest.PostAsJsonAsync("/api/v1/sessions/", new { id });
        }
    }

    private static string NewId(string kind) => $"{kind}-{Guid.NewGuid():N}";

    private static JsonObject Plain(long atMs) => new() { ["type"] = 3, ["timestamp"] = 1_700_000_000_000 + atMs, ["data"] = new JsonObject { ["source"] = 1 } };

    private static JsonObject Identify(string userId, long atMs) => new()
    {
        ["type"] = 5,
        ["timestamp"] = 1_700_000_000_000 + atMs,
        ["data"] = new JsonObject { ["tag"] = VisitorSignals.IdentifyTag, ["payload"] = new JsonObject { ["userId"] = userId, ["traits"] = new JsonObject() } },
    };
}
