using System.Net;
using System.Net.Http.Json;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.Hosting;

/// <summary>
/// Behind a TLS-terminating proxy, ASPNETCORE_FORWARDEDHEADERS_ENABLED=true (configuration key
/// ForwardedHeaders_Enabled) makes the server trust X-Forwarded-Proto: the login cookie is Secure and
/// the demo's endpoint is https. Without it the header is ignored, so a client cannot fake HTTPS.
/// </summary>
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task WithForwardedHeadersEnabledAnHttpsProxiedLoginGetsASecureCookie()
    {
        using var app = new SessionKitApp(new Dictionary<string, string?> { ["ForwardedHeaders_Enabled"] = "true" });
        using var response = await SetupAsync(app, forwardedProto: "https");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("secure", LoginCookie(response), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WithForwardedHeadersEnabledTheDemoConfigNamesAnHttpsEndpoint()
    {
        using var app = new SessionKitApp(new Dictionary<string, string?> { ["ForwardedHeaders_Enabled"] = "true" });
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/demo/config.js");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await client.SendAsync(request);

        Assert.Contains("\"endpoint\":\"https://localhost\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEnvironmentVariableTurnsItOnInTheRealServerProcess()
    {
        var dataDirectory = RepositoryPaths.NewTempDirectory("forwarded");
        var environment = new Dictionary<string, string> { ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true" };
        await using (var server = await ServerProcess.StartAsync(dataDirectory, "token-" + Guid.NewGuid().ToString("N"), environment))
        {
            using var client = server.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/demo/config.js");
            request.Headers.Add("X-Forwarded-Proto", "https");
            using var response = await client.SendAsync(request);
            Assert.Contains(
                $"\"endpoint\":\"https://{server.BaseAddress.Authority}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Directory.Delete(dataDirectory, recursive: true);
    }

    [Fact]
    public async Task WithoutItTheForwardedProtoHeaderIsIgnored()
    {
        using var app = new SessionKitApp();
        using var response = await SetupAsync(app, forwardedProto: "https");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.DoesNotContain("secure", LoginCookie(response), StringComparison.OrdinalIgnoreCase);
    }

    private static Task<HttpResponseMessage> SetupAsync(SessionKitApp app, string forwardedProto)
    {
        var client = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/setup")
        {
            Content = JsonContent.Create(new { userName = "admin", password = "correct horse battery" }),
        };
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        return client.SendAsync(request);
    }

    private static string LoginCookie(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(SessionKit.Api.Auth.AdminPolicy.CookieName + "=", StringComparison.Ordinal));
}
