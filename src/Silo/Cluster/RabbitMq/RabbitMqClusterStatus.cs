using SessionKit.Silo.Cluster.Membership;
using SessionKit.Silo.Hosting;

namespace SessionKit.Silo.Cluster.RabbitMq;

internal sealed class RabbitMqClusterStatus(
    NodeIdentity node, RabbitMqConnection connection, PartitionOwnership ownership, PartitionConsumers consumers) : IClusterStatusSource
{
    public ClusterStatus Current
    {
        get
        {
            var owners = ownership.Owners;
            var partitions = consumers.All
                .Select(consumer => new PartitionStatus(
                    consumer.Partition, owners.ElementAtOrDefault(consumer.Partition), consumer.IsActive, consumer.Processed))
                .ToList();
            return new ClusterStatus(node.Id, "rabbitmq", connection.IsConnected, ownership.Members, partitions);
        }
    }
}
