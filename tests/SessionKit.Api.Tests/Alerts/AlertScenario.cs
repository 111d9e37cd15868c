using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.Alerts;

/// <summary>The steps of the webhook tests: set up webhooks and rules, record a session that fires them, check what arrived.</summary>
internal static class AlertScenario
{
    public static async Task<string> CreateAsync(HttpClient admin, string kind, object body)
    {
        var response = await admin.PostAsJsonAsync($"/api/v1/projects/default/{kind}", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    public static async Task<string> StartAsync(HttpClient ingest, EventStream stream)
    {
        var id = $"alert-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Created, (await ingest.PostAsJsonAsync("/api/v1/sessions/", new { id, url = EventStream.Shop })).StatusCode);
        var events = new JsonArray([.. stream.Events.Select(json => JsonNode.Parse(json))]);
        Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostBatchAsync(id, 0, events)).StatusCode);
        return id;
    }

    /// <summary>The webhook's delivery log once it has <paramref name="count"/> entries (or after 20 s).</summary>
    public static async Task<JsonArray> DeliveryLogAsync(HttpClient admin, string webhookId, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var list = (await admin.GetFromJsonAsync<JsonArray>($"/api/v1/projects/default/webhooks/{webhookId}/deliveries"))!;
            if (list.Count >= count || DateTime.UtcNow > deadline)
            {
                return list;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Checks the request as a receiver would: the signature over "{timestamp}.{body}", and a timestamp of just now.</summary>
    public static void AssertSigned(ReceivedRequest request, string secret)
    {
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(request.Timestamp + ".").Concat(request.Body).ToArray()));
        Assert.Equal(expected, request.Signature);
        Assert.InRange(long.Parse(request.Timestamp!, CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal("application/json", request.ContentType);
    }
}
