using SessionKit.Silo.Hosting;

namespace SessionKit.Silo.Cluster;

/// <summary>The status of an embedded server: one node, every grain in this process.</summary>
internal sealed class LocalClusterStatus(NodeIdentity node) : IClusterStatusSource
{
    public ClusterStatus Current => new(node.Id, "local", BrokerConnected: null, [node.Id], []);
}
