namespace SessionKit.Grains.Live;

/// <summary>
/// Which nodes have viewers of a session, and how many. Each node's claim is a lease: a node that
/// dies stops renewing, and its viewers stop counting once the lease lapses.
/// </summary>
public sealed class ViewerLeases(TimeSpan duration)
{
    private readonly Dictionary<string, (int Viewers, bool RequireConsent, DateTimeOffset Expires)> _leases = new(StringComparer.Ordinal);

    public void Set(ViewerLease lease, DateTimeOffset now)
    {
        if (lease.Viewers <= 0)
        {
            _leases.Remove(lease.NodeId);
        }
        else
        {
            _leases[lease.NodeId] = (lease.Viewers, lease.RequireConsent, now + duration);
        }
    }

    public int Total(DateTimeOffset now)
    {
        Prune(now);
        return _leases.Values.Sum(lease => lease.Viewers);
    }

    /// <summary>Whether the viewers' project asks for the visitor's consent (each lease says what its node read).</summary>
    public bool RequireConsent(DateTimeOffset now)
    {
        Prune(now);
        return _leases.Values.Any(lease => lease.RequireConsent);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (node, lease) in _leases)
        {
            if (lease.Expires <= now)
            {
                _leases.Remove(node);
            }
        }
    }
}
