using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SessionKit.Testing;

namespace SessionKit.Api.Tests.Alerts;

/// <summary>Deliveries outlive the server that queued them: what a stopped node did not deliver, the next one on the same storage does.</summary>
public sealed class WebhookRestartTests
{
    private const long T = 1_732_183_200_000;
    private const string Secret = "restart-secret-0123456789";

    public static TheoryData<string> Storages => ["sqlite", "postgres"];

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task ADeliveryTheReceiverMissedIsMadeOnceSignedByTheNextServerOnTheSameStorage(string storage)
    {
        await using var storageUnderTest = await SharedStorage.CreateAsync(storage);
        var port = WebhookReceiver.FreePort();
        string hook, rule, session;

        // The receiver is down while the first server runs: every attempt is refused and put back.
        using (var first = new SessionKitApp(storageUnderTest.Settings))
        {
            using var admin = first.CreateAdminClient();
            hook = await AlertScenario.CreateAsync(admin, "webhooks", new { name = "Receiver", url = WebhookReceiver.UrlAt(port), secret = Secret });
            rule = await AlertScenario.CreateAsync(admin, "alert-rules", new { name = "Rage", signalType = "rage_click", webhookIds = new[] { hook } });
            using var ingest = await first.CreateIngestClientAsync();
            session = await AlertScenario.StartAsync(ingest, new EventStream().Load(T).Clicks(T + 1000, 3, 200));

            var refused = await AlertScenario.DeliveryLogAsync(admin, hook, 2);
            Assert.All(refused, attempt =>
            {
                Assert.Equal("retrying", (string)attempt!["outcome"]!);
                Assert.Null(attempt["responseStatus"]);
            });
        }

        await using var receiver = new WebhookReceiver(port);
        using var second = new SessionKitApp(storageUnderTest.Settings);
        using var secondAdmin = second.CreateAdminClient();

        var request = Assert.Single(await receiver.WaitForAsync(1));
        AlertScenario.AssertSigned(request, Secret);
        Assert.False(string.IsNullOrEmpty(request.Delivery));
        var payload = JsonNode.Parse(request.Body)!;
        Assert.Equal(rule, (string)payload["rule"]!["id"]!);
        Assert.Equal("Rage", (string)payload["rule"]!["name"]!);
        Assert.Equal(session, (string)payload["session"]!["id"]!);
        Assert.Equal("rage_click", (string)payload["signal"]!["type"]!);

        var log = await EventuallyDeliveredAsync(secondAdmin, hook);
        var delivered = log[0]!;
        Assert.Equal(204, (int)delivered["responseStatus"]!);
        Assert.Equal(log.Count, (int)delivered["attempt"]!);

        // Exactly once: nothing more arrives once it is delivered.
        await Task.Delay(1500);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task ADeliveryInFlightWhenTheServerIsKilledIsMadeAgainWithTheSameIdOnceItsLeasePasses()
    {
        var dataDirectory = RepositoryPaths.NewTempDirectory("webhook-kill");
        var adminToken = "token-" + Guid.NewGuid().ToString("N");
        var environment = new Dictionary<string, string>
        {
            // Long enough an attempt for the kill to come while it waits; a short lease, so the test need not wait a minute.
            ["SessionKit__Alerts__RequestTimeout"] = "00:00:05",
            ["SessionKit__Alerts__ClaimLease"] = "00:00:06",
            ["SessionKit__Alerts__PollInterval"] = "00:00:00.100",
        };
        await using var receiver = new WebhookReceiver { Hang = true };
        string hook;

        await using (var server = await ServerProcess.StartAsync(dataDirectory, adminToken, environment))
        {
            using var admin = server.CreateClient(adminToken: adminToken);
            hook = await AlertScenario.CreateAsync(admin, "webhooks", new { name = "Receiver", url = receiver.Url, secret = Secret });
            await AlertScenario.CreateAsync(admin, "alert-rules", new { name = "Rage", signalType = "rage_click", webhookIds = new[] { hook } });
            var key = (string)(await admin.GetFromJsonAsync<JsonArray>("/api/v1/projects"))!.Single(p => (string?)p!["id"] == "default")!["ingestKey"]!;
            using var ingest = server.CreateClient(ingestKey: key);
            await AlertScenario.StartAsync(ingest, new EventStream().Load(T).Clicks(T + 1000, 3, 200));

            await receiver.WaitForAsync(1);
            server.Kill();
        }

        receiver.Hang = false;
        await using (var restarted = await ServerProcess.StartAsync(dataDirectory, adminToken, environment))
        {
            using var admin = restarted.CreateClient(adminToken: adminToken);
            var requests = await receiver.WaitForAsync(2);

            // At least once: the receiver sees the delivery twice, and can tell by its id.
            Assert.Equal(2, requests.Count);
            Assert.Equal(requests[0].Delivery, requests[1].Delivery);
            Assert.Equal(requests[0].Body, requests[1].Body);
            AlertScenario.AssertSigned(requests[1], Secret);
            var log = await EventuallyDeliveredAsync(admin, hook);
            Assert.Equal(1, (int)Assert.Single(log)!["attempt"]!);
            await Task.Delay(1000);
            Assert.Equal(2, receiver.Requests.Count);
        }

        Directory.Delete(dataDirectory, recursive: true);
    }

    private static async Task<JsonArray> EventuallyDeliveredAsync(HttpClient admin, string hook)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var log = await AlertScenario.DeliveryLogAsync(admin, hook, 1);
            if ((string?)log[0]?["outcome"] == "delivered" || DateTime.UtcNow > deadline)
            {
                Assert.Equal("delivered", (string?)log[0]?["outcome"]);
                return log;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Storage that outlives one server: a data directory of its own, or a PostgreSQL database.</summary>
    private sealed class SharedStorage(Dictionary<string, string?> settings, Func<ValueTask> dispose) : IAsyncDisposable
    {
        public IReadOnlyDictionary<string, string?> Settings => settings;

        public static async Task<SharedStorage> CreateAsync(string storage)
        {
            var settings = new Dictionary<string, string?>
            {
                // Retries close together and polled often, so the test sees several before the stop; never given up.
                ["SessionKit:Alerts:RetryBaseDelay"] = "00:00:00.200",
                ["SessionKit:Alerts:MaxAttempts"] = "20",
                ["SessionKit:Alerts:PollInterval"] = "00:00:00.100",
            };
            if (storage == "postgres")
            {
                var database = await PostgresTestDatabase.CreateAsync();
                settings["SESSIONKIT_STORAGE"] = "postgres";
                settings["SESSIONKIT_POSTGRES"] = database.ConnectionString;
                return new SharedStorage(settings, database.DisposeAsync);
            }

            var directory = RepositoryPaths.NewTempDirectory("webhook-restart");
            settings["SESSIONKIT_DATA_DIR"] = directory;
            return new SharedStorage(settings, () =>
            {
                Directory.Delete(directory, recursive: true);
                return ValueTask.CompletedTask;
            });
        }

        public ValueTask DisposeAsync() => dispose();
    }
}
