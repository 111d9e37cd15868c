using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace SessionKit.Bench.Load;

/// <summary>The ingest key the SDK would be configured with: the "default" project's, read with the admin token.</summary>
internal static class IngestKeys
{
    /// <summary>Asks each server in turn until one answers (some nodes of a cluster may be down).</summary>
    public static async Task<string> DefaultProjectKeyAsync(IReadOnlyList<Uri> servers, string adminToken, CancellationToken cancellationToken)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                return await DefaultProjectKeyAsync(servers[i], adminToken, cancellationToken);
            }
            catch (HttpRequestException exception) when (i + 1 < servers.Count)
            {
                Progress.Log($"{servers[i]} did not give the ingest key ({exception.Message}); trying {servers[i + 1]}");
            }
        }
    }

    public static async Task<string> DefaultProjectKeyAsync(Uri server, string adminToken, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        var projects = await http.GetFromJsonAsync<JsonElement>("/api/v1/projects", cancellationToken);
        return projects.EnumerateArray()
            .Where(p => p.GetProperty("id").GetString() == "default")
            .Select(p => p.GetProperty("ingestKey").GetString())
            .FirstOrDefault() ?? throw new InvalidOperationException($"{server} has no default project.");
    }
}
