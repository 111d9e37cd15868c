using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.Alerts;

public sealed class WebhookDeliveryTests
{
    private const long T = 1_732_183_200_000;
    private const string Secret = "test-secret-0123456789";

    private static SessionKitApp NewApp() => new(new Dictionary<string, string?>
    {
        ["SessionKit:Alerts:RetryBaseDelay"] = "00:00:00.100",
        ["SessionKit:Alerts:RequestTimeout"] = "00:00:30",
    });

    [Fact]
    public async Task AFiredRuleIsDeliveredSignedAndRetriedAfterA500OnceAndLogged()
    {
        await using var receiver = new WebhookReceiver();
        receiver.AnswerNext(500);
        using var app = NewApp();
        using var admin = app.CreateAdminClient();
        var hook = await CreateAsync(admin, "webhooks", new { name = "Receiver", url = receiver.Url, secret = Secret });
        var rule = await CreateAsync(admin, "alert-rules", new { name = "Rage on the cart", signalType = "rage_click", urlContains = "/cart", webhookIds = new[] { hook } });
        using var ingest = await app.CreateIngestClientAsync();

        var session = await StartAsync(ingest, new EventStream().Load(T).Clicks(T + 1000, 3, 200));
        var requests = await receiver.WaitForAsync(2);

        foreach (var request in requests)
        {
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(
                Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(request.Timestamp + ".").Concat(request.Body).ToArray()));
            Assert.Equal(expected, request.Signature);
            Assert.InRange(long.Parse(request.Timestamp!, CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            Assert.Equal("application/json", request.ContentType);
        }

        Assert.Equal(requests[0].Body, requests[1].Body);
        var payload = JsonNode.Parse(requests[0].Body)!;
        Assert.Equal(rule, (string)payload["rule"]!["id"]!);
        Assert.Equal(session, (string)payload["session"]!["id"]!);
        Assert.Equal("rage_click", (string)payload["signal"]!["type"]!);
        Assert.Equal("3 clicks within 400 ms on 'Pay now'", (string)payload["signal"]!["explanation"]!);

        var log = await EventuallyAsync(admin, $"/api/v1/projects/default/webhooks/{hook}/deliveries", 2);
        Assert.Equal([("delivered", 2, 204), ("retrying", 1, 500)],
            log.Select(d => ((string)d!["outcome"]!, (int)d["attempt"]!, (int)d["responseStatus"]!)));

        // The rule fired for this session: a second rage click in it sends nothing more.
        var more = new EventStream().Clicks(T + 9000, 3, 100).Events.Select(json => JsonNode.Parse(json)).ToArray();
        Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostBatchAsync(session, 1, new JsonArray(more))).StatusCode);
        await Task.Delay(500);
        Assert.Equal(2, receiver.Requests.Count);
    }

    [Fact]
    public async Task IngestDoesNotWaitForAReceiverThatHangs()
    {
        await using var receiver = new WebhookReceiver { Hang = true };
        using var app = NewApp();
        using var admin = app.CreateAdminClient();
        var hook = await CreateAsync(admin, "webhooks", new { name = "Hanging", url = receiver.Url, format = "slack" });
        await CreateAsync(admin, "alert-rules", new { name = "Any error click", signalType = "error_click", webhookIds = new[] { hook } });
        using var ingest = await app.CreateIngestClientAsync();
        var before = await IngestLatencyAsync(ingest);

        for (var i = 0; i < 5; i++)
        {
            await StartAsync(ingest, new EventStream().Load(T).Click(T + 1000).Error(T + 1100));
        }

        await receiver.WaitForAsync(5);
        var during = await IngestLatencyAsync(ingest);

        Assert.True(during <= (before * 3) + TimeSpan.FromMilliseconds(50), $"ingest took {during.TotalMilliseconds} ms a batch while the receiver hung, {before.TotalMilliseconds} ms before");
        Assert.StartsWith("SessionKit alert \"Any error click\"", (string)JsonNode.Parse(receiver.Requests.First().Body)!["text"]!);
    }

    /// <summary>The median time of 15 ingest answers of a fresh session.</summary>
    private static async Task<TimeSpan> IngestLatencyAsync(HttpClient ingest)
    {
        var id = await StartAsync(ingest, new EventStream().Load(T));
        var times = new List<TimeSpan>();
        for (var seq = 1; seq <= 15; seq++)
        {
            var watch = Stopwatch.StartNew();
            var events = new JsonArray(JsonNode.Parse(new EventStream().Later(T + seq).Events[0]));
            Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostBatchAsync(id, seq, events)).StatusCode);
            times.Add(watch.Elapsed);
        }

        return times.Order().ElementAt(times.Count / 2);
    }

    private static async Task<string> CreateAsync(HttpClient admin, string kind, object body)
    {
        var response = await admin.PostAsJsonAsync($"/api/v1/projects/default/{kind}", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private static async Task<string> StartAsync(HttpClient ingest, EventStream stream)
    {
        var id = $"alert-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Created, (await ingest.PostAsJsonAsync("/api/v1/sessions/", new { id, url = EventStream.Shop })).StatusCode);
        var events = new JsonArray([.. stream.Events.Select(json => JsonNode.Parse(json))]);
        Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostBatchAsync(id, 0, events)).StatusCode);
        return id;
    }

    private static async Task<JsonArray> EventuallyAsync(HttpClient admin, string path, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var list = (await admin.GetFromJsonAsync<JsonArray>(path))!;
            if (list.Count >= count || DateTime.UtcNow > deadline)
            {
                return list;
            }

            await Task.Delay(50);
        }
    }
}
