using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace SessionKit.Testing;

/// <summary>
/// The real server in memory (WebApplicationFactory) on its own temporary data directory, with an
/// admin token for reading. Extra settings can be given as configuration keys, and
/// <paramref name="services"/> may replace registered services (after the app registered its own).
/// </summary>
public sealed class SessionKitApp(
    IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = RepositoryPaths.NewTempDirectory("api");

    public string AdminToken { get; } = "test-admin-" + Guid.NewGuid().ToString("N");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("SESSIONKIT_DATA_DIR", DataDirectory);
        builder.UseSetting("SESSIONKIT_ADMIN_TOKEN", AdminToken);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    /// <summary>A client that writes with the default project's ingest key.</summary>
    public async Task<HttpClient> CreateIngestClientAsync()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-SessionKit-Key", await DefaultIngestKeyAsync());
        return client;
    }

    public async Task<string> DefaultIngestKeyAsync()
    {
        using var admin = CreateAdminClient();
        var projects = await admin.GetFromJsonAsync<JsonArray>("/api/v1/projects");
        return projects!.Single(p => (string?)p!["id"] == "default")!["ingestKey"]!.GetValue<string>();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying host; the temp directory is cleaned by the OS.
        }
    }
}
