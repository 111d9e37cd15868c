using SessionKit.Cluster.Tests.Support;

namespace SessionKit.Cluster.Tests;

/// <summary>Several nodes as separate processes on PostgreSQL and RabbitMQ: nothing acknowledged is lost or doubled.</summary>
public sealed class ClusterIngestTests(ITestOutputHelper output)
{
    [Fact]
    public Task ManySessionsIngestedThroughThreeNodesAreStoredExactlyAsAcknowledged() =>
        ClusterUnderTest.RunAsync(nodes: 3, output, async cluster =>
        {
            var driver = new IngestDriver(cluster, sessions: 60, pause: TimeSpan.FromMilliseconds(20));
            var load = driver.Start(output);
            await Task.Delay(TimeSpan.FromSeconds(8));
            await load.StopAndVerifyAsync();
            Assert.True(driver.AcknowledgedBatches > 600, $"only {driver.AcknowledgedBatches} batches acknowledged");

            // The work was spread: every node processed some partition.
            var active = await cluster.ActivePartitionsAsync();
            Assert.Equal(3, active.Count);
            Assert.All(active, node => Assert.NotEmpty(node.Value));
        });
}
