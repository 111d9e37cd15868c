using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using SessionKit.Silo.Hosting;

namespace SessionKit.Silo.Cluster.RabbitMq;

/// <summary>The one place the cluster's broker names are spelled, and where its durable parts are declared.</summary>
internal sealed class ClusterTopology(IOptions<ClusterOptions> options, NodeIdentity node)
{
    private readonly string _prefix = options.Value.Name;

    public int Partitions { get; } = options.Value.Partitions;

    /// <summary>A partition's queue: quorum (replicated, durable), with a single active consumer.</summary>
    public string PartitionQueue(int partition) => $"{_prefix}.grains.{partition:D3}";

    /// <summary>A node's queue for replies; exclusive, so it exists exactly while the node is connected.</summary>
    public string NodeQueue(string nodeId) => $"{_prefix}.node.{nodeId}";

    public string OwnNodeQueue => NodeQueue(node.Id);

    /// <summary>The topic exchange live streams travel on, keyed by live topic.</summary>
    public string LiveExchange => $"{_prefix}.live";

    /// <summary>This node's queue for live messages, bound only to the topics its viewers watch.</summary>
    public string OwnLiveQueue => $"{_prefix}.live.{node.Id}";

    /// <summary>Declares the exchange and every partition queue; idempotent, so every node does it at start.</summary>
    public async Task DeclareAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(LiveExchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        for (var partition = 0; partition < Partitions; partition++)
        {
            await channel.QueueDeclareAsync(
                PartitionQueue(partition),
                durable: true,
                exclusive: false,
                autoDelete: false,
                arguments: new Dictionary<string, object?>
                {
                    ["x-queue-type"] = "quorum",
                    ["x-single-active-consumer"] = true,
                },
                cancellationToken: cancellationToken);
        }
    }
}
