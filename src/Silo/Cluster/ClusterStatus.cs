namespace SessionKit.Silo.Cluster;

/// <summary>
/// What this node knows of the cluster: its members, and per partition the owner it should have and
/// whether this node is processing it. An embedded server is a cluster of one without partitions.
/// </summary>
public sealed record ClusterStatus(
    string NodeId, string Transport, bool? BrokerConnected, IReadOnlyList<string> Members, IReadOnlyList<PartitionStatus> Partitions);

/// <param name="Owner">The member that should own the partition, by this node's last computation.</param>
/// <param name="ActiveHere">This node is the partition's active consumer (it has received deliveries since subscribing).</param>
/// <param name="Processed">Messages of the partition this node has finished since it started.</param>
public sealed record PartitionStatus(int Partition, string? Owner, bool ActiveHere, long Processed);

public interface IClusterStatusSource
{
    ClusterStatus Current { get; }
}
