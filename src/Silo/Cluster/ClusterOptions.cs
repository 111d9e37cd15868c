using System.ComponentModel.DataAnnotations;

namespace SessionKit.Silo.Cluster;

/// <summary>How the nodes of a cluster share grains (SessionKit:Cluster).</summary>
public sealed class ClusterOptions
{
    public const string SectionName = "SessionKit:Cluster";

    /// <summary>Prefix of the cluster's broker queues and exchanges: several clusters can share one broker.</summary>
    [Required, RegularExpression("^[a-z0-9-]{1,40}$")]
    public string Name { get; set; } = "sessionkit";

    /// <summary>Grain messages are spread over this many queues by grain key; each is processed by one node at a time.</summary>
    [Range(1, 1024)]
    public int Partitions { get; set; } = 32;

    /// <summary>How often a node renews its membership and recomputes which partitions it should own.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A member whose last heartbeat is older than this is taken for dead.</summary>
    public TimeSpan MemberTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a caller waits for a grain's reply (the owning node may be failing over meanwhile).</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Unacknowledged grain messages a node holds per partition.</summary>
    [Range(1, 10_000)]
    public int PartitionPrefetch { get; set; } = 256;

    /// <summary>First wait before reconnecting to the broker; doubles up to ten times this.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);
}
