using SessionKit.Cluster.Tests.Support;

namespace SessionKit.Cluster.Tests;

/// <summary>A node joining a busy cluster gets its share of partitions, and nothing is lost on the way.</summary>
public sealed class RebalanceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AFourthNodeJoiningTakesItsShareWithNoLoss()
    {
        await using var cluster = await ClusterUnderTest.StartAsync(nodes: 3);
        try
        {
            var driver = new IngestDriver(cluster, sessions: 48, pause: TimeSpan.FromMilliseconds(20));
            using var stop = new CancellationTokenSource();
            var load = driver.RunAsync(stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(2));

            await cluster.AddNodeAsync();
            await cluster.WaitForMembersAsync(4);
            Dictionary<string, HashSet<int>> active = [];
            await Eventually.HoldsAsync(async () =>
            {
                active = await cluster.ActivePartitionsAsync();
                var counts = active.Values.Select(partitions => partitions.Count).ToList();
                var owned = active.Values.SelectMany(partitions => partitions).ToList();
                // Every partition processed by exactly one node, and the load within 2 between nodes.
                return active.Count == 4 && owned.Count == 32 && owned.Distinct().Count() == 32 && counts.Max() - counts.Min() <= 2;
            }, TimeSpan.FromSeconds(30), "the four nodes process 32 partitions, most and least within 2");
            output.WriteLine("partitions per node: " + string.Join(", ", active.Select(node => $"{node.Key} {node.Value.Count}")));

            await Task.Delay(TimeSpan.FromSeconds(2));
            await stop.CancelAsync();
            await load;
            output.WriteLine($"{driver.AcknowledgedBatches} batches acknowledged, {driver.Failures.Count} failed attempts (retried)");
            await driver.VerifyAsync();
        }
        catch
        {
            output.WriteLine(cluster.Describe());
            throw;
        }
    }
}
