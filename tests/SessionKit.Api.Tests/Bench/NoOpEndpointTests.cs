using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.Bench;

/// <summary>The ingest benchmark's no-op endpoint exists only where SessionKit:Bench:NoOpEndpoint turns it on.</summary>
public sealed class NoOpEndpointTests
{
    [Fact]
    public async Task WithoutTheFlagTheNoOpEndpointIsAbsent()
    {
        using var app = new SessionKitApp();
        using var client = app.CreateClient();

        await AssertAnsweredLikeAnUnmappedPathAsync(client);
    }

    [Fact]
    public async Task WithTheFlagOffTheNoOpEndpointIsAbsent()
    {
        using var app = new SessionKitApp(new Dictionary<string, string?> { ["SessionKit:Bench:NoOpEndpoint"] = "false" });
        using var client = app.CreateClient();

        await AssertAnsweredLikeAnUnmappedPathAsync(client);
    }

    [Fact]
    public async Task WithTheFlagTheNoOpEndpointAnswersLikeIngestAndStoresNothing()
    {
        using var app = new SessionKitApp(new Dictionary<string, string?> { ["SessionKit:Bench:NoOpEndpoint"] = "true" });
        using var client = app.CreateClient();
        var sessionId = "noop-" + Guid.NewGuid().ToString("N");

        using var response = await client.PostAsync(NoOpPath(sessionId), Batch());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.NotNull(answer!["seq"]);
        Assert.False((bool)answer["duplicate"]!);
        using var admin = app.CreateAdminClient();
        using var stored = await admin.GetAsync(new Uri($"/api/v1/sessions/{sessionId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
    }

    [Fact]
    public async Task WithTheFlagTheOpenApiDocumentStillOmitsIt()
    {
        using var app = new SessionKitApp(new Dictionary<string, string?> { ["SessionKit:Bench:NoOpEndpoint"] = "true" });
        using var client = app.CreateClient();

        var document = await client.GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        Assert.DoesNotContain(document!["paths"]!.AsObject(), path => path.Key.Contains("/bench/", StringComparison.Ordinal));
    }

    /// <summary>Whatever the app answers a POST nothing handles (the dashboard's fallback makes that a 405), never the 202.</summary>
    private static async Task AssertAnsweredLikeAnUnmappedPathAsync(HttpClient client)
    {
        using var unmapped = await client.PostAsync(new Uri($"/api/v1/no-such-endpoint/{Guid.NewGuid():N}/events", UriKind.Relative), Batch());
        using var response = await client.PostAsync(NoOpPath(), Batch());

        Assert.NotEqual(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(unmapped.StatusCode, response.StatusCode);
    }

    private static Uri NoOpPath(string? sessionId = null) =>
        new($"/api/v1/bench/noop/{sessionId ?? Guid.NewGuid().ToString("N")}/events", UriKind.Relative);

    private static StringContent Batch() =>
        new("""{"seq":0,"events":[{"type":3,"data":{"source":1,"positions":[]},"timestamp":1}]}""", System.Text.Encoding.UTF8, "application/json");
}
