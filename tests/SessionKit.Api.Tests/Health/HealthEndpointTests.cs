using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SessionKit.Silo.Storage;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.Health;

/// <summary>/health/live and /health/ready, for load balancers: anonymous, and ready only when storage answers.</summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task AServingNodeIsLiveAndReadyWithoutSigningIn()
    {
        using var app = new SessionKitApp();
        using var client = app.CreateClient();

        using var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var report = await ready.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("healthy", (string?)report!["status"]);
        Assert.Contains(report["checks"]!.AsArray(), check => (string?)check!["name"] == "storage" && (string?)check["status"] == "healthy");
    }

    [Fact]
    public async Task ANodeWhoseStorageDoesNotAnswerIsLiveButNotReady()
    {
        var away = new AwaySwitch();
        using var app = new SessionKitApp(services: services =>
        {
            var real = services.Single(descriptor => descriptor.ServiceType == typeof(IProjectStore));
            services.Replace(ServiceDescriptor.Singleton<IProjectStore>(provider =>
                new SwitchableProjectStore((IProjectStore)ActivatorUtilities.CreateInstance(provider, real.ImplementationType!), away)));
        });
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        away.IsAway = true;

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var report = await ready.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("unhealthy", (string?)report!["status"]);
    }

    [Fact]
    public async Task AnEmbeddedServerIsAClusterOfOne()
    {
        using var app = new SessionKitApp();
        using var admin = app.CreateAdminClient();
        var status = await admin.GetFromJsonAsync<JsonObject>("/api/v1/cluster");
        Assert.Equal("local", (string?)status!["transport"]);
        Assert.Equal((string?)status["nodeId"], (string?)Assert.Single(status["members"]!.AsArray()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/cluster")).StatusCode);
    }

    private sealed class AwaySwitch
    {
        public volatile bool IsAway;
    }

    /// <summary>The real store until the switch is thrown; then only failures, as when its database is away.</summary>
    private sealed class SwitchableProjectStore(IProjectStore inner, AwaySwitch away) : IProjectStore
    {
        public Task<IReadOnlyList<ProjectRecord>> ListProjectsAsync(CancellationToken cancellationToken) =>
            away.IsAway ? Fail<IReadOnlyList<ProjectRecord>>() : inner.ListProjectsAsync(cancellationToken);

        public Task<ProjectRecord?> GetProjectAsync(string projectId, CancellationToken cancellationToken) =>
            away.IsAway ? Fail<ProjectRecord?>() : inner.GetProjectAsync(projectId, cancellationToken);

        public Task<ProjectRecord?> FindProjectByIngestKeyAsync(string ingestKey, CancellationToken cancellationToken) =>
            away.IsAway ? Fail<ProjectRecord?>() : inner.FindProjectByIngestKeyAsync(ingestKey, cancellationToken);

        public Task<bool> TryCreateProjectAsync(ProjectRecord project, CancellationToken cancellationToken) =>
            away.IsAway ? Fail<bool>() : inner.TryCreateProjectAsync(project, cancellationToken);

        public Task UpdateProjectAsync(ProjectRecord project, CancellationToken cancellationToken) =>
            away.IsAway ? Fail<bool>() : inner.UpdateProjectAsync(project, cancellationToken);

        private static Task<T> Fail<T>() => Task.FromException<T>(new IOException("the database is away"));
    }
}
