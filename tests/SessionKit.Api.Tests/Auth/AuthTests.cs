using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.Auth;

public sealed class AuthTests
{
    [Fact]
    public async Task FirstStartOffersSetupThenLoginGrantsReading()
    {
        using var app = new SessionKitApp();
        using var client = app.CreateClient();

        var state = await client.GetFromJsonAsync<JsonObject>("/api/v1/auth/state");
        Assert.True(state!["setupRequired"]!.GetValue<bool>());
        Assert.False(state["authenticated"]!.GetValue<bool>());
        using (var anonymous = await client.GetAsync("/api/v1/projects"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (var setup = await client.PostAsJsonAsync("/api/v1/auth/setup", new { userName = "ada", password = "correct horse" }))
        {
            Assert.Equal(HttpStatusCode.Created, setup.StatusCode);
        }

        // The setup signed us in with a cookie.
        using (var projects = await client.GetAsync("/api/v1/projects"))
        {
            Assert.Equal(HttpStatusCode.OK, projects.StatusCode);
        }

        using (var again = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/setup", new { userName = "eve", password = "password123" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        using var fresh = app.CreateClient();
        using (var wrong = await fresh.PostAsJsonAsync("/api/v1/auth/login", new { userName = "ada", password = "wrong password" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using (var login = await fresh.PostAsJsonAsync("/api/v1/auth/login", new { userName = "ada", password = "correct horse" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
            var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        }

        var signedIn = await fresh.GetFromJsonAsync<JsonObject>("/api/v1/auth/state");
        Assert.Equal("ada", (string?)signedIn!["userName"]);
        Assert.False(signedIn["setupRequired"]!.GetValue<bool>());

        (await fresh.PostAsync("/api/v1/auth/logout", null)).Dispose();
        using var afterLogout = await fresh.GetAsync("/api/v1/projects");
        Assert.Equal(HttpStatusCode.Unauthorized, afterLogout.StatusCode);
    }

    [Fact]
    public async Task AdminTokenReadsAndWrongTokenDoesNot()
    {
        using var app = new SessionKitApp();
        using var admin = app.CreateAdminClient();
        using (var ok = await admin.GetAsync("/api/v1/projects"))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var wrong = app.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new("Bearer", app.AdminToken + "x");
        using var refused = await wrong.GetAsync("/api/v1/projects");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task ShortPasswordIsRefusedAtSetup()
    {
        using var app = new SessionKitApp();
        using var client = app.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/setup", new { userName = "ada", password = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await client.GetFromJsonAsync<JsonObject>("/api/v1/auth/state"))!["setupRequired"]!.GetValue<bool>());
    }
}
