using System.Diagnostics;
using System.Net;
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
        var hook = await AlertScenario.CreateAsync(admin, "webhooks", new { name = "Receiver", url = receiver.Url, secret = Secret });
        var rule = await AlertScenario.CreateAsync(admin, "alert-rules", new { name = "Rage on the cart", signalType = "rage_click", urlContains = "/cart", webhookIds = new[] { hook } });
        using var ingest = await app.CreateIngestClientAsync();

        var session = await AlertScenario.StartAsync(ingest, new EventStream().Load(T).Clicks(T + 1000, 3, 200));
        var requests = await receiver.WaitForAsync(2);

        foreach (var request in requests)
        {
            AlertScenario.AssertSigned(request, Secret);
        }

        Assert.Equal(requests[0].Body, requests[1].Body);
        // The retry is the same delivery: a receiver that got the first one can tell.
        Assert.False(string.IsNullOrEmpty(requests[0].Delivery));
        Assert.Equal(requests[0].Delivery, requests[1].Delivery);
        var payload = JsonNode.Parse(requests[0].Body)!;
        Assert.Equal(rule, (string)payload["rule"]!["id"]!);
        Assert.Equal(session, (string)payload["session"]!["id"]!);
        Assert.Equal("rage_click", (string)payload["signal"]!["type"]!);
        Assert.Equal("3 clicks within 400 ms on 'Pay now'", (string)payload["signal"]!["explanation"]!);

        var log = await AlertScenario.DeliveryLogAsync(admin, hook, 2);
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
        var hook = await AlertScenario.CreateAsync(admin, "webhooks", new { name = "Hanging", url = receiver.Url, format = "slack" });
        await AlertScenario.CreateAsync(admin, "alert-rules", new { name = "Any error click", signalType = "error_click", webhookIds = new[] { hook } });
        using var ingest = await app.CreateIngestClientAsync();
        var before = await IngestLatencyAsync(ingest);

        for (var i = 0; i < 5; i++)
        {
            await AlertScenario.StartAsync(ingest, new EventStream().Load(T).Click(T + 1000).Error(T + 1100));
        }

        await receiver.WaitForAsync(5);
        var during = await IngestLatencyAsync(ingest);

        Assert.True(during <= (before * 3) + TimeSpan.FromMilliseconds(50), $"ingest took {during.TotalMilliseconds} ms a batch while the receiver hung, {before.TotalMilliseconds} ms before");
        Assert.StartsWith("SessionKit alert \"Any error click\"", (string)JsonNode.Parse(receiver.Requests.First().Body)!["text"]!);
    }

    /// <summary>The median time of 15 ingest answers of a fresh session.</summary>
    private static async Task<TimeSpan> IngestLatencyAsync(HttpClient ingest)
    {
        var id = await AlertScenario.StartAsync(ingest, new EventStream().Load(T));
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
}
