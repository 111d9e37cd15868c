using System.Net;
using SessionKit.Cluster.Tests.Support;

namespace SessionKit.Cluster.Tests;

/// <summary>/health/ready tells a load balancer when a node can take ingest: not a moment before it can carry grain calls.</summary>
public sealed class ReadinessTests(ITestOutputHelper output)
{
    [Fact]
    public Task ANodeReportedReadyTakesSessionsAtOnce() =>
        ClusterUnderTest.RunAsync(nodes: 0, output, async cluster =>
        {
            // The first node of a new cluster declares every queue: its setup takes longest. AddNodeAsync
            // returns as soon as its /health/ready answers 200.
            await cluster.AddNodeAsync();
            var key = await cluster.IngestKeyAsync();
            var starts = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
            {
                using var response = await cluster.IngestClient(0, key).PostAsync(
                    new Uri("/api/v1/sessions/", UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
                return response.StatusCode;
            }));

            Assert.All(starts, status => Assert.Equal(HttpStatusCode.Created, status));
        });
}
