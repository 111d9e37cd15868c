using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SessionKit.Api.Tests.Hosting;

/// <summary>The OpenAPI document describes every public endpoint, so clients can be generated from it.</summary>
public sealed class OpenApiTests(SessionKitAppFixture fixture) : IClassFixture<SessionKitAppFixture>
{
    public static TheoryData<string, string> PublicEndpoints => new()
    {
        { "post", "/api/v1/sessions" },
        { "post", "/api/v1/sessions/{sessionId}/events" },
        { "post", "/api/v1/sessions/{sessionId}/live-consent" },
        { "get", "/api/v1/sessions/{sessionId}" },
        { "get", "/api/v1/sessions/{sessionId}/events" },
        { "get", "/api/v1/projects/{projectId}/sessions" },
        { "get", "/api/v1/projects" },
        { "post", "/api/v1/projects" },
        { "patch", "/api/v1/projects/{projectId}" },
        { "get", "/api/v1/sessions/{sessionId}/comments" },
        { "post", "/api/v1/sessions/{sessionId}/comments" },
        { "get", "/api/v1/auth/state" },
        { "post", "/api/v1/auth/setup" },
        { "post", "/api/v1/auth/login" },
        { "post", "/api/v1/auth/logout" },
    };

    [Theory]
    [MemberData(nameof(PublicEndpoints))]
    public async Task DocumentListsTheEndpoint(string method, string path)
    {
        using var client = fixture.App.CreateClient();
        var document = await client.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var paths = document!["paths"]!.AsObject();
        // A group's "/" route may be listed with or without its trailing slash.
        var item = paths[path] ?? paths[path + "/"];
        Assert.True(item is not null, $"{path} is missing; the document lists {string.Join(", ", paths.Select(p => p.Key))}");
        Assert.True(item![method] is not null, $"{method.ToUpperInvariant()} {path} is missing");
        Assert.False(string.IsNullOrWhiteSpace((string?)item[method]!["summary"]), $"{method.ToUpperInvariant()} {path} has no summary");
    }
}
