namespace SessionKit.Silo.Cluster.Membership;

/// <summary>The cluster's members and their heartbeats, kept in the shared database.</summary>
public interface IClusterMembership
{
    /// <summary>Records that <paramref name="nodeId"/> is alive now (inserting it on its first beat).</summary>
    Task HeartbeatAsync(string nodeId, string? address, CancellationToken cancellationToken);

    /// <summary>Members whose last heartbeat is within <paramref name="timeout"/>, by the database's clock.</summary>
    Task<IReadOnlyList<string>> LiveMembersAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Removes the member at once (a graceful stop), so the others take its partitions without waiting.</summary>
    Task LeaveAsync(string nodeId, CancellationToken cancellationToken);
}
