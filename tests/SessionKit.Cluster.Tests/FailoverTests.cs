using System.Diagnostics;
using SessionKit.Cluster.Tests.Support;

namespace SessionKit.Cluster.Tests;

/// <summary>kill -9 of the node that owns busy sessions, mid-stream: its partitions move, nothing acknowledged is lost.</summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task KillingTheOwnerOfBusySessionsLosesAndDuplicatesNothingAndItsPartitionsAreTakenOverWithinSeconds()
    {
        await using var cluster = await ClusterUnderTest.StartAsync(nodes: 3);
        try
        {
            var driver = new IngestDriver(cluster, sessions: 48, pause: TimeSpan.FromMilliseconds(20));
            using var stop = new CancellationTokenSource();
            var load = driver.RunAsync(stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(3));

            var before = await cluster.ActivePartitionsAsync();
            var (victimId, partitions) = before.MaxBy(node => node.Value.Count);
            var victim = cluster.Nodes[int.Parse(victimId["node-".Length..], System.Globalization.CultureInfo.InvariantCulture) - 1];
            var killedAt = Stopwatch.StartNew();
            victim.Kill();

            // Every partition the victim processed is processed by a survivor again.
            await Eventually.HoldsAsync(async () =>
            {
                var now = await cluster.ActivePartitionsAsync();
                return partitions.All(partition => now.Values.Any(active => active.Contains(partition)));
            }, TimeSpan.FromSeconds(20), $"{victimId}'s partitions are active elsewhere");
            var takeover = killedAt.Elapsed;
            output.WriteLine($"{victimId} was killed while processing {partitions.Count} of 32 partitions; all were processed by survivors after {takeover.TotalMilliseconds:0} ms");

            await Task.Delay(TimeSpan.FromSeconds(3));
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

    [Fact]
    public async Task ANodeStoppedGracefullyHandsOverItsPartitionsWithoutLosingAnything()
    {
        await using var cluster = await ClusterUnderTest.StartAsync(nodes: 3);
        try
        {
            var driver = new IngestDriver(cluster, sessions: 48, pause: TimeSpan.FromMilliseconds(20));
            using var stop = new CancellationTokenSource();
            var load = driver.RunAsync(stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(3));

            await cluster.Nodes[1].StopGracefullyAsync(TimeSpan.FromSeconds(30));
            // It left the membership on its way out: the others rebalance without waiting for its heartbeat to age.
            await cluster.WaitForMembersAsync(2, TimeSpan.FromSeconds(10));
            await Eventually.HoldsAsync(async () =>
            {
                var active = await cluster.ActivePartitionsAsync();
                return active.Values.SelectMany(partitions => partitions).Distinct().Count() == 32;
            }, TimeSpan.FromSeconds(20), "the two remaining nodes process every partition");

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
