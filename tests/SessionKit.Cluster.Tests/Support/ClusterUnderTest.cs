using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SessionKit.Testing;

namespace SessionKit.Cluster.Tests.Support;

/// <summary>
/// SessionKit nodes as separate processes, on one fresh PostgreSQL database and a real RabbitMQ broker,
/// started with the same command as the embedded server plus the cluster's environment variables.
/// </summary>
internal sealed class ClusterUnderTest : IAsyncDisposable
{
    private readonly List<ServerProcess> _nodes = [];
    private readonly List<string> _directories = [];
    private readonly Dictionary<(int Node, string Key), HttpClient> _ingestClients = [];
    private readonly PostgresTestDatabase _database;
    private readonly RabbitMqServer _broker;
    private readonly string _name = "t" + Guid.NewGuid().ToString("N")[..12];
    private readonly IReadOnlyDictionary<string, string> _settings;

    private ClusterUnderTest(PostgresTestDatabase database, RabbitMqServer broker, IReadOnlyDictionary<string, string> settings)
    {
        (_database, _broker, _settings) = (database, broker, settings);
    }

    public string AdminToken { get; } = "cluster-admin-" + Guid.NewGuid().ToString("N");

    public IReadOnlyList<ServerProcess> Nodes => _nodes;

    public RabbitMqServer Broker => _broker;

    public PostgresTestDatabase Database => _database;

    public static async Task<ClusterUnderTest> StartAsync(int nodes, IReadOnlyDictionary<string, string>? settings = null)
    {
        var cluster = new ClusterUnderTest(await PostgresTestDatabase.CreateAsync(), await RabbitMqServer.GetAsync(), settings ?? new Dictionary<string, string>());
        // One at a time: the first creates the schema and queues, the others find them.
        for (var i = 0; i < nodes; i++)
        {
            await cluster.AddNodeAsync();
        }

        if (nodes > 0)
        {
            await cluster.WaitForMembersAsync(nodes);
        }

        return cluster;
    }

    /// <summary>Runs <paramref name="test"/> on a fresh cluster; on failure the nodes' recent output goes to the test's output.</summary>
    public static async Task RunAsync(int nodes, ITestOutputHelper output, Func<ClusterUnderTest, Task> test)
    {
        await using var cluster = await StartAsync(nodes);
        try
        {
            await test(cluster);
        }
        catch
        {
            output.WriteLine(cluster.Describe());
            throw;
        }
    }

    public async Task<ServerProcess> AddNodeAsync()
    {
        var index = _nodes.Count;
        var directory = RepositoryPaths.NewTempDirectory($"node{index}");
        _directories.Add(directory);
        var environment = new Dictionary<string, string>
        {
            ["SESSIONKIT_STORAGE"] = "postgres",
            ["SESSIONKIT_POSTGRES"] = _database.ConnectionString,
            ["SESSIONKIT_TRANSPORT"] = "rabbitmq",
            ["SESSIONKIT_RABBITMQ"] = _broker.Uri.ToString(),
            ["SESSIONKIT_NODE_ID"] = $"node-{index + 1}",
            ["SessionKit__Cluster__Name"] = _name,
        };
        foreach (var (key, value) in _settings)
        {
            environment[key] = value;
        }

        var node = await ServerProcess.StartAsync(directory, AdminToken, environment, readyPath: "/health/ready");
        _nodes.Add(node);
        return node;
    }

    public string NodeId(int index) => $"node-{index + 1}";

    public HttpClient AdminClient(ServerProcess node) => node.CreateClient(adminToken: AdminToken);

    public HttpClient IngestClient(int node, string key)
    {
        lock (_ingestClients)
        {
            if (!_ingestClients.TryGetValue((node, key), out var client))
            {
                client = _nodes[node].CreateClient(ingestKey: key);
                client.Timeout = TimeSpan.FromSeconds(20);
                _ingestClients[(node, key)] = client;
            }

            return client;
        }
    }

    public async Task<string> IngestKeyAsync()
    {
        using var admin = AdminClient(_nodes.First(node => !node.HasExited));
        var projects = await admin.GetFromJsonAsync<JsonArray>("/api/v1/projects");
        return (string)projects!.Single(project => (string?)project!["id"] == "default")!["ingestKey"]!;
    }

    /// <summary>GET /api/v1/cluster of one node.</summary>
    public async Task<JsonObject> StatusAsync(ServerProcess node)
    {
        using var admin = AdminClient(node);
        return (await admin.GetFromJsonAsync<JsonObject>("/api/v1/cluster"))!;
    }

    /// <summary>Waits until every running node counts <paramref name="members"/> members and agrees on the owners.</summary>
    public async Task WaitForMembersAsync(int members, TimeSpan? timeout = null)
    {
        await Eventually.HoldsAsync(async () =>
        {
            var owners = new HashSet<string>();
            foreach (var node in _nodes.Where(node => !node.HasExited))
            {
                var status = await StatusAsync(node);
                if (status["members"]!.AsArray().Count != members)
                {
                    return false;
                }

                owners.Add(string.Join(",", status["partitions"]!.AsArray().Select(p => (string?)p!["owner"])));
            }

            return owners.Count == 1;
        }, timeout ?? TimeSpan.FromSeconds(30), $"every node sees {members} members and the same owners");
    }

    /// <summary>For every running node, the partitions it is processing now.</summary>
    public async Task<Dictionary<string, HashSet<int>>> ActivePartitionsAsync()
    {
        var active = new Dictionary<string, HashSet<int>>();
        foreach (var node in _nodes.Where(node => !node.HasExited))
        {
            var status = await StatusAsync(node);
            active[(string)status["nodeId"]!] = [.. status["partitions"]!.AsArray()
                .Where(p => (bool)p!["activeHere"]!).Select(p => (int)p!["partition"]!)];
        }

        return active;
    }

    public string Describe() => string.Join(Environment.NewLine, _nodes.Select((node, i) =>
        string.Create(CultureInfo.InvariantCulture, $"--- {NodeId(i)} ({(node.HasExited ? "exited" : "running")}):\n{node.RecentOutput}")));

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _ingestClients.Values)
        {
            client.Dispose();
        }

        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _database.DisposeAsync();
        await _broker.DeleteClusterObjectsAsync(_name);
        foreach (var directory in _directories)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
