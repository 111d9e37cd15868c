using System.Text;
using SessionKit.Silo.Runtime;

namespace SessionKit.Silo.Cluster;

/// <summary>
/// Which partition a grain's messages go to. Every node of every build must agree, so the hash is
/// spelled out here (FNV-1a over the UTF-8 of contract and key) rather than string.GetHashCode,
/// which differs per process.
/// </summary>
public static class GrainPartitioner
{
    public static int PartitionOf(string grainType, string key, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var hash = 14695981039346656037UL;
        Mix(ref hash, grainType);
        Mix(ref hash, "/");
        Mix(ref hash, key);
        return (int)(hash % (ulong)partitions);
    }

    internal static int PartitionOf(GrainId id, int partitions) => PartitionOf(id.TypeName, id.Key, partitions);

    private static void Mix(ref ulong hash, string text)
    {
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(text) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(text, buffer)] : Encoding.UTF8.GetBytes(text);
        foreach (var b in bytes)
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
    }
}
