using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.Projects;

public sealed class ProjectTests
{
    [Fact]
    public async Task DefaultProjectExistsAndNewProjectsGetTheirOwnKeys()
    {
        using var app = new SessionKitApp();
        using var admin = app.CreateAdminClient();
        var before = await admin.GetFromJsonAsync<JsonArray>("/api/v1/projects");
        var defaultProject = Assert.Single(before!);
        Assert.Equal("default", (string?)defaultProject!["id"]);
        Assert.StartsWith("sk_", (string?)defaultProject["ingestKey"]);

        using var response = await admin.PostAsJsonAsync("/api/v1/projects", new { name = "Shop", allowedOrigins = new[] { "https://shop.example.com/" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var shop = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.StartsWith("shop-", (string?)shop!["id"]);
        Assert.NotEqual((string?)defaultProject["ingestKey"], (string?)shop["ingestKey"]);
        Assert.Equal(["https://shop.example.com"], shop["allowedOrigins"]!.AsArray().Select(o => (string)o!));

        Assert.False(shop["requireLiveConsent"]!.GetValue<bool>());
        using var consent = await admin.PatchAsJsonAsync($"/api/v1/projects/{shop["id"]}", new { requireLiveConsent = true });
        var patched = await consent.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(patched!["requireLiveConsent"]!.GetValue<bool>());
        Assert.Equal(["https://shop.example.com"], patched["allowedOrigins"]!.AsArray().Select(o => (string)o!));

        using var invalid = await admin.PostAsJsonAsync("/api/v1/projects", new { name = "" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        using var badOrigin = await admin.PostAsJsonAsync("/api/v1/projects", new { name = "x", allowedOrigins = new[] { "not an origin" } });
        Assert.Equal(HttpStatusCode.BadRequest, badOrigin.StatusCode);
    }

    [Fact]
    public async Task IngestHonoursAllowedOrigins()
    {
        using var app = new SessionKitApp();
        using var admin = app.CreateAdminClient();
        var shop = await (await admin.PostAsJsonAsync("/api/v1/projects", new { name = "Shop", allowedOrigins = new[] { "https://shop.example.com" } }))
            .Content.ReadFromJsonAsync<JsonObject>();
        var key = (string)shop!["ingestKey"]!;

        using var client = app.CreateClient();
        var allowed = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sessions/") { Content = JsonContent.Create(new { url = "https://shop.example.com/" }) };
        allowed.Headers.Add("Origin", "https://shop.example.com");
        allowed.Headers.Add("X-SessionKit-Key", key);
        using (var response = await client.SendAsync(allowed))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Equal("https://shop.example.com", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        }

        var foreign = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sessions/") { Content = JsonContent.Create(new { url = "https://evil.example/" }) };
        foreign.Headers.Add("Origin", "https://evil.example");
        foreign.Headers.Add("X-SessionKit-Key", key);
        using (var response = await client.SendAsync(foreign))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        }

        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/sessions/abc/events");
        preflight.Headers.Add("Origin", "https://shop.example.com");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,x-sessionkit-key");
        using (var response = await client.SendAsync(preflight))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.Contains("X-SessionKit-Key", response.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        }

        // Opening the project to every origin takes effect for ingest at once on this node.
        using var patched = await admin.PatchAsJsonAsync($"/api/v1/projects/{shop["id"]}", new { allowedOrigins = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var later = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sessions/") { Content = JsonContent.Create(new { url = "https://evil.example/" }) };
        later.Headers.Add("Origin", "https://evil.example");
        later.Headers.Add("X-SessionKit-Key", key);
        using var opened = await client.SendAsync(later);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocumentIsServed()
    {
        using var app = new SessionKitApp();
        using var client = app.CreateClient();
        var document = await client.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        Assert.NotNull(document!["paths"]!["/api/v1/sessions/{sessionId}/events"]);
    }
}
