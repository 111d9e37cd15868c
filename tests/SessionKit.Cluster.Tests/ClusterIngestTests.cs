using SessionKit.Cluster.Tests.Support;

namespace SessionKit.Cluster.Tests;

/// <summary>Several nodes as separate processes on PostgreSQL and RabbitMQ: nothing acknowledged is lost or doubled.</summary>
public sealed class ClusterIngestTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ManySessionsIngestedThroughThreeNodesAreStoredExactlyAsAcknowledged()
    {
        await using var cluster = await ClusterUnderTest.StartAsync(nodes: 3);
        try
        {
            var driver = new IngestDriver(cluster, sessions: 60, pause: TimeSpan.FromMilliseconds(20));
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(8));
            await driver.RunAsync(stop.Token);

            output.WriteLine($"{driver.AcknowledgedBatches} batches acknowledged, {driver.Failures.Count} failed attempts");
            Assert.True(driver.AcknowledgedBatches > 600, $"only {driver.AcknowledgedBatches} batches acknowledged");
            await driver.VerifyAsync();

            // The work was spread: every node processed some partition.
            var active = await cluster.ActivePartitionsAsync();
            Assert.Equal(3, active.Count);
            Assert.All(active, node => Assert.NotEmpty(node.Value));
        }
        catch
        {
            output.WriteLine(cluster.Describe());
            throw;
        }
    }
}
