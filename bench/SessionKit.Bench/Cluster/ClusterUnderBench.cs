using System.Net.Http.Json;
using System.Text.Json;
using SessionKit.Bench.Hosting;
using SessionKit.Testing;

namespace SessionKit.Bench.Cluster;

/// <summary>
/// SessionKit nodes of the Release build as separate processes, on a fresh database of the private
/// PostgreSQL server and on the private RabbitMQ broker (both from SessionKit.Testing, as in the cluster
/// tests), started with the environment variables an operator would set.
/// </summary>
internal sealed class ClusterUnderBench : IAsyncDisposable
{
    private readonly List<ServerHost> _nodes = [];
    private readonly PostgresTestDatabase _database;
    private readonly RabbitMqServer _broker;
    private readonly string _name = "bench" + Guid.NewGuid().ToString("N")[..10];

    private ClusterUnderBench(PostgresTestDatabase database, RabbitMqServer broker) => (_database, _broker) = (database, broker);

    public string AdminToken { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    public IReadOnlyList<ServerHost> Nodes => _nodes;

    public IReadOnlyList<Uri> Urls => [.. _nodes.Select(n => n.BaseAddress)];

    public static async Task<ClusterUnderBench> StartAsync(string serverAssembly, int nodes, CancellationToken cancellationToken)
    {
        var cluster = new ClusterUnderBench(await PostgresTestDatabase.CreateAsync(), await RabbitMqServer.GetAsync());
        try
        {
            // One at a time: the first creates the schema and the queues, the others find them.
            for (var i = 0; i < nodes; i++)
            {
                cluster._nodes.Add(await ServerHost.StartAsync(
                    serverAssembly, cluster.Environment(i), cancellationToken, adminToken: cluster.AdminToken, readyPath: "/health/ready"));
            }

            await cluster.WaitUntilFormedAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public IReadOnlyList<string> Problems() => [.. _nodes.SelectMany(n => n.HasExited ? ["a node exited during the run"] : n.Problems())];

    private Dictionary<string, string> Environment(int index) => new()
    {
        ["SESSIONKIT_STORAGE"] = "postgres",
        ["SESSIONKIT_POSTGRES"] = _database.ConnectionString,
        ["SESSIONKIT_TRANSPORT"] = "rabbitmq",
        ["SESSIONKIT_RABBITMQ"] = _broker.Uri.ToString(),
        ["SESSIONKIT_NODE_ID"] = $"node-{index + 1}",
        ["SessionKit__Cluster__Name"] = _name,
    };

    /// <summary>Until every node counts every member and all agree on the partitions' owners: a balanced cluster.</summary>
    private async Task WaitUntilFormedAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var owners = new HashSet<string>();
            var complete = true;
            foreach (var node in _nodes)
            {
                using var admin = node.CreateAdminClient();
                var status = await admin.GetFromJsonAsync<JsonElement>("/api/v1/cluster", cancellationToken);
                complete &= status.GetProperty("members").GetArrayLength() == _nodes.Count;
                owners.Add(string.Join(",", status.GetProperty("partitions").EnumerateArray().Select(p => p.GetProperty("owner").ToString())));
            }

            if (complete && owners.Count == 1)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The {_nodes.Count} nodes did not agree on their members and owners within 60 s.");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync(bool keepLogs)
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync(keepLogs);
        }

        await _database.DisposeAsync();
        await _broker.DeleteClusterObjectsAsync(_name);
    }

    public ValueTask DisposeAsync() => DisposeAsync(keepLogs: false);
}
