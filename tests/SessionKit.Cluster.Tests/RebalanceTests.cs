using SessionKit.Cluster.Tests.Support;

namespace SessionKit.Cluster.Tests;

/// <summary>A node joining a busy cluster gets its share of partitions, and nothing is lost on the way.</summary>
public sealed class RebalanceTests(ITestOutputHelper output)
{
    [Fact]
    public Task AFourthNodeJoiningTakesItsShareWithNoLoss() =>
        ClusterUnderTest.RunAsync(nodes: 3, output, async cluster =>
        {
            var load = new IngestDriver(cluster, sessions: 48, pause: TimeSpan.FromMilliseconds(20)).Start(output);
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
            await load.StopAndVerifyAsync();
        });
}
