using System.Text.Json.Nodes;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.Alerts;

/// <summary>Servers sharing one PostgreSQL database share its delivery queue: every node polls it, none doubles a delivery.</summary>
public sealed class WebhookSharedQueueTests
{
    private const long T = 1_732_183_200_000;

    [Fact]
    public async Task TwoServersPollingOneDatabaseDeliverEachAlertOnce()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var receiver = new WebhookReceiver();
        using var first = NewNode(database);
        using var second = NewNode(database);
        using var admin = first.CreateAdminClient();
        using var secondAdmin = second.CreateAdminClient();
        var hook = await AlertScenario.CreateAsync(admin, "webhooks", new { name = "Receiver", url = receiver.Url });
        await AlertScenario.CreateAsync(admin, "alert-rules", new { name = "Rage", signalType = "rage_click", webhookIds = new[] { hook } });
        using var ingest = await first.CreateIngestClientAsync();

        var sessions = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            sessions.Add(await AlertScenario.StartAsync(ingest, new EventStream().Load(T).Clicks(T + 1000, 3, 200)));
        }

        var requests = await receiver.WaitForAsync(sessions.Count);
        await Task.Delay(1000);

        Assert.Equal(sessions.Count, receiver.Requests.Count);
        Assert.Equal(sessions.Count, requests.Select(request => request.Delivery).Distinct().Count());
        Assert.Equal(sessions.Order(), requests.Select(request => (string)JsonNode.Parse(request.Body)!["session"]!["id"]!).Order());
    }

    private static SessionKitApp NewNode(PostgresTestDatabase database) => new(new Dictionary<string, string?>
    {
        ["SESSIONKIT_STORAGE"] = "postgres",
        ["SESSIONKIT_POSTGRES"] = database.ConnectionString,
        // Polled often, so the node that did not fire an alert competes for it with the one that did.
        ["SessionKit:Alerts:PollInterval"] = "00:00:00.020",
    });
}
