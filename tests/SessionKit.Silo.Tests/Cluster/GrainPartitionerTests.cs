using SessionKit.Silo.Cluster;

namespace SessionKit.Silo.Tests.Cluster;

public sealed class GrainPartitionerTests
{
    [Fact]
    public void AGrainsPartitionIsTheSameInEveryProcessAndBuild()
    {
        // Fixed values: a change here would send one grain's messages to two partitions across a rolling upgrade.
        Assert.Equal(GrainPartitioner.PartitionOf("SessionKit.Grains.Sessions.ISessionGrain", "abc", 32),
            GrainPartitioner.PartitionOf("SessionKit.Grains.Sessions.ISessionGrain", "abc", 32));
        Assert.Equal(29, GrainPartitioner.PartitionOf("T", "k", 32)); // FNV-1a 64 of "T/k", mod 32
        Assert.Equal(879, GrainPartitioner.PartitionOf("SessionKit.Grains.Sessions.ISessionGrain", "0192f3c4d5e6", 1000));
    }

    [Fact]
    public void KeysSpreadEvenlyOverThePartitions()
    {
        var counts = new int[32];
        for (var i = 0; i < 32_000; i++)
        {
            counts[GrainPartitioner.PartitionOf("SessionKit.Grains.Sessions.ISessionGrain", Guid.NewGuid().ToString("N"), 32)]++;
        }

        Assert.All(counts, count => Assert.InRange(count, 800, 1200));
    }

    [Fact]
    public void LongKeysAndTheirContractBothCount()
    {
        var longKey = new string('k', 1000);
        Assert.InRange(GrainPartitioner.PartitionOf("T", longKey, 7), 0, 6);
        var differ = Enumerable.Range(0, 50).Count(i => GrainPartitioner.PartitionOf("A", $"key-{i}", 32) != GrainPartitioner.PartitionOf("B", $"key-{i}", 32));
        Assert.True(differ > 30, "the contract name should take part in the hash");
    }
}
