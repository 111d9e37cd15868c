using System.Text;

namespace SessionKit.Silo.Cluster.Membership;

/// <summary>
/// Which live member should own each partition: rendezvous (highest random weight) hashing, so a
/// member joining or leaving moves few partitions, with shares capped so that the partitions end up
/// spread evenly: every member owns floor(P / N) or, for P mod N of them, one more. Every node computes
/// it from the same member list and gets the same answer.
/// </summary>
public static class PartitionAssignment
{
    /// <summary>The owner of each partition (index = partition); empty when there is no member.</summary>
    public static IReadOnlyList<string> Compute(IReadOnlyCollection<string> members, int partitions)
    {
        if (members.Count == 0)
        {
            return [];
        }

        var ordered = members.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var share = partitions / ordered.Length;
        var largerShares = partitions % ordered.Length;
        var load = new Dictionary<string, int>(StringComparer.Ordinal);
        var owners = new string[partitions];
        for (var partition = 0; partition < partitions; partition++)
        {
            // Highest weight first; a member that has its share already passes the partition on.
            var owner = ordered
                .OrderByDescending(member => Weight(member, partition))
                .ThenBy(member => member, StringComparer.Ordinal)
                .First(member => load.GetValueOrDefault(member) < share || (load.GetValueOrDefault(member) == share && largerShares > 0));
            owners[partition] = owner;
            var owned = load[owner] = load.GetValueOrDefault(owner) + 1;
            if (owned > share)
            {
                largerShares--;
            }
        }

        return owners;
    }

    private static ulong Weight(string member, int partition)
    {
        // FNV-1a of "member#partition", then a 64-bit finalizer (splitmix) so nearby inputs spread.
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes($"{member}#{partition}"))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }

        hash ^= hash >> 30;
        hash *= 0xbf58476d1ce4e5b9UL;
        hash ^= hash >> 27;
        hash *= 0x94d049bb133111ebUL;
        return hash ^ (hash >> 31);
    }
}
