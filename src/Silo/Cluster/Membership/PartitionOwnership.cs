namespace SessionKit.Silo.Cluster.Membership;

/// <summary>
/// What this node currently believes about partition ownership, as the balancer last computed it:
/// the live members, the owner each partition should have, and whether that owner is another node
/// that is connected to the broker right now (only then is handing a partition over useful).
/// </summary>
internal sealed class PartitionOwnership
{
    private volatile Snapshot _current = new([], [], []);

    public IReadOnlyList<string> Members => _current.Members;

    /// <summary>The owner each partition should have (index = partition); empty before the first heartbeat.</summary>
    public IReadOnlyList<string> Owners => _current.Owners;

    /// <summary>True when another connected node should own <paramref name="partition"/>: this node should hand it over.</summary>
    public bool IsOwnedElsewhere(int partition)
    {
        var elsewhere = _current.Elsewhere;
        return partition < elsewhere.Count && elsewhere[partition];
    }

    public void Update(IReadOnlyList<string> members, IReadOnlyList<string> owners, IReadOnlyList<bool> elsewhere) =>
        _current = new Snapshot(members, owners, elsewhere);

    private sealed record Snapshot(IReadOnlyList<string> Members, IReadOnlyList<string> Owners, IReadOnlyList<bool> Elsewhere);
}
