using System.Net;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.StaticSites;

/// <summary>The dashboard, SDK and demo are served from the content root, and never shadow the API.</summary>
public sealed class StaticSiteTests : IDisposable
{
    private readonly string _contentRoot = RepositoryPaths.NewTempDirectory("content-root");
    private readonly SessionKitApp _app;

    public StaticSiteTests()
    {
        Write("wwwroot/dashboard/index.html", "<!doctype html><div id=root>dashboard</div>");
        Write("wwwroot/dashboard/assets/app-123.js", "console.log('dashboard');");
        Write("wwwroot/sdk/sessionkit.js", "window.SessionKit = {};");
        Write("wwwroot/sdk/sessionkit-live.js", "var SessionKitLive = {};");
        Write("wwwroot/sdk/sessionkit-live.mjs", "export function createLive() {}");
        Write("Demo/index.html", "<!doctype html><h1>demo</h1>");
        _app = new SessionKitApp(new Dictionary<string, string?> { ["contentRoot"] = _contentRoot });
    }

    [Theory]
    [InlineData("/", "text/html", "dashboard")]
    [InlineData("/sessions/abc", "text/html", "dashboard")]
    [InlineData("/assets/app-123.js", "text/javascript", "console.log")]
    [InlineData("/sdk/sessionkit.js", "text/javascript", "window.SessionKit")]
    [InlineData("/sdk/sessionkit-live.js", "text/javascript", "SessionKitLive")]
    [InlineData("/sdk/sessionkit-live.mjs", "text/javascript", "createLive")]
    [InlineData("/demo/", "text/html", "demo")]
    [InlineData("/demo/config.js", "text/javascript", "SESSIONKIT_DEMO")]
    public async Task PathServesItsFile(string path, string mediaType, string content)
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(content, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/assets/missing.js")]
    [InlineData("/api/v1/unknown")]
    public async Task MissingFilesAndUnknownApiPathsAreNotFoundProblems(string path)
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task DemoConfigNamesTheDefaultProjectKey()
    {
        using var client = _app.CreateClient();
        var config = await client.GetStringAsync("/demo/config.js");
        Assert.Contains(await _app.DefaultIngestKeyAsync(), config, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _app.Dispose();
        Directory.Delete(_contentRoot, recursive: true);
    }

    private void Write(string relativePath, string content)
    {
        var path = Path.Combine(_contentRoot, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
