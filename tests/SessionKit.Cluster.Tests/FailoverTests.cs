using System.Diagnostics;
using System.Globalization;
using SessionKit.Cluster.Tests.Support;

namespace SessionKit.Cluster.Tests;

/// <summary>A node lost mid-stream, killed or stopped: its partitions move, and nothing acknowledged is lost.</summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    [Fact]
    public Task KillingTheOwnerOfBusySessionsLosesAndDuplicatesNothingAndItsPartitionsAreTakenOverWithinSeconds() =>
        ClusterUnderTest.RunAsync(nodes: 3, output, async cluster =>
        {
            var load = new IngestDriver(cluster, sessions: 48, pause: TimeSpan.FromMilliseconds(20)).Start(output);
            await Task.Delay(TimeSpan.FromSeconds(3));

            var before = await cluster.ActivePartitionsAsync();
            var (victimId, partitions) = before.MaxBy(node => node.Value.Count);
            var victim = cluster.Nodes[int.Parse(victimId["node-".Length..], CultureInfo.InvariantCulture) - 1];
            var killedAt = Stopwatch.StartNew();
            victim.Kill();

            // Every partition the victim processed is processed by a survivor again.
            await Eventually.HoldsAsync(async () =>
            {
                var now = await cluster.ActivePartitionsAsync();
                return partitions.All(partition => now.Values.Any(active => active.Contains(partition)));
            }, TimeSpan.FromSeconds(20), $"{victimId}'s partitions are active elsewhere");
            output.WriteLine($"{victimId} was killed while processing {partitions.Count} of 32 partitions; all were processed by survivors after {killedAt.Elapsed.TotalMilliseconds:0} ms");

            await Task.Delay(TimeSpan.FromSeconds(3));
            await load.StopAndVerifyAsync();
        });

    [Fact]
    public Task ANodeStoppedGracefullyHandsOverItsPartitionsWithoutLosingAnything() =>
        ClusterUnderTest.RunAsync(nodes: 3, output, async cluster =>
        {
            var load = new IngestDriver(cluster, sessions: 48, pause: TimeSpan.FromMilliseconds(20)).Start(output);
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
            await load.StopAndVerifyAsync();
        });
}
