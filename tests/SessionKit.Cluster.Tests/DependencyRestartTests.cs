using System.Net;
using SessionKit.Cluster.Tests.Support;

namespace SessionKit.Cluster.Tests;

/// <summary>
/// A restart of the broker or the database under load: ingest answers 503 with Retry-After while it is
/// down, instead of acknowledging what it cannot store, and the cluster recovers by itself.
/// </summary>
public sealed class DependencyRestartTests(ITestOutputHelper output)
{
    [Fact]
    public Task WhileRabbitMqRestartsIngestAnswers503AndRecoversByItself() =>
        ClusterUnderTest.RunAsync(nodes: 2, output, cluster => RestartUnderLoadAsync(cluster, cluster.Broker.StopAppAsync, cluster.Broker.StartAppAsync));

    [Fact]
    public Task WhilePostgreSqlRestartsIngestAnswers503AndRecoversByItself() =>
        ClusterUnderTest.RunAsync(nodes: 2, output, cluster =>
            RestartUnderLoadAsync(cluster, SessionKit.Testing.PostgresServer.StopAsync, SessionKit.Testing.PostgresServer.StartAgainAsync));

    private async Task RestartUnderLoadAsync(ClusterUnderTest cluster, Func<Task> stopDependency, Func<Task> startDependency)
    {
        var driver = new IngestDriver(cluster, sessions: 20, pause: TimeSpan.FromMilliseconds(20));
        var load = driver.Start(output);
        await Task.Delay(TimeSpan.FromSeconds(2));

        var downAt = DateTimeOffset.UtcNow;
        await stopDependency();
        // While it is down, the nodes say so: not ready, and ingest refused with a retry hint.
        using (var probe = cluster.AdminClient(cluster.Nodes[0]))
        {
            await Eventually.HoldsAsync(async () => (await probe.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable,
                TimeSpan.FromSeconds(15), "the node reports it is not ready");
        }

        await Eventually.HoldsAsync(() => Task.FromResult(driver.Failures.Any(f => f.At > downAt && f.Status == HttpStatusCode.ServiceUnavailable && f.RetryAfter is not null)),
            TimeSpan.FromSeconds(15), "ingest answered 503 with Retry-After");
        var acknowledgedWhileDown = driver.AcknowledgedBatches;
        await startDependency();
        var upAt = DateTimeOffset.UtcNow;

        // Recovered by itself: batches are acknowledged again, and the nodes are ready.
        await Eventually.HoldsAsync(() => Task.FromResult(driver.AcknowledgedBatches > acknowledgedWhileDown + 100),
            TimeSpan.FromSeconds(60), "ingest recovered");
        using (var probe = cluster.AdminClient(cluster.Nodes[0]))
        {
            await Eventually.HoldsAsync(async () => (await probe.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(30), "the node is ready again");
        }

        output.WriteLine($"down for {(upAt - downAt).TotalSeconds:0.0} s; failures by status: "
            + string.Join(", ", driver.Failures.GroupBy(f => f.Status?.ToString() ?? "connection").Select(g => $"{g.Key} {g.Count()}")));
        await load.StopAndVerifyAsync();
    }
}
