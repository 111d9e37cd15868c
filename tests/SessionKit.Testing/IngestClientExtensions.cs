using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace SessionKit.Testing;

/// <summary>What the SDK does over HTTP, for tests: start a session, post batches (optionally gzip).</summary>
public static class IngestClientExtensions
{
    public static async Task<string> StartSessionAsync(this HttpClient client, string? url = "https://shop.example.com/", string? id = null)
    {
        id ??= Guid.NewGuid().ToString("N");
        var response = await client.PostAsJsonAsync("/api/v1/sessions/", new { id, url, visitorId = "v-test", tabId = "t-test", userAgent = "test-agent", screen = new { width = 1280, height = 800 } });
        response.EnsureSuccessStatusCode();
        return id;
    }

    public static Task<HttpResponseMessage> PostBatchAsync(this HttpClient client, string sessionId, long seq, JsonArray events, bool gzip = false)
    {
        var body = new JsonObject { ["seq"] = seq, ["events"] = events.DeepClone() }.ToJsonString();
        return client.PostRawAsync($"/api/v1/sessions/{sessionId}/events", Encoding.UTF8.GetBytes(body), gzip);
    }

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, byte[] body, bool gzip = false)
    {
        var content = new ByteArrayContent(gzip ? Gzip(body) : body);
        content.Headers.ContentType = new("application/json");
        if (gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        return client.PostAsync(path, content);
    }

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
