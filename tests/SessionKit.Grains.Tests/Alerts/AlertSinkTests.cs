using System.Text.Json;
using SessionKit.Grains.Alerts;
using SessionKit.Grains.Signals;
using SessionKit.Grains.Tests.Support;
using SessionKit.Silo.Storage;

namespace SessionKit.Grains.Tests.Alerts;

public sealed class AlertSinkTests
{
    private static readonly Signal Rage = new(0, SignalTypes.RageClick, 1_732_183_201_000, "https://shop.example.com/checkout",
        new SignalTarget("button#pay", "Pay now"), new SignalEvidence { Count = 3, SpanMs = 420 }, "3 clicks within 420 ms on 'Pay now'");

    [Fact]
    public async Task AFiredRuleQueuesOneDeliveryPerWebhookWithTheAlertAndWakesTheDispatcher()
    {
        await using var host = await GrainHost.StartAsync();
        var (sink, queue, wakeUp, session) = await ArrangeAsync(host, ["hook-a", "hook-b", "hook-a"]);

        await sink.OnRaisedAsync(session, [Rage], new SessionScore(35, [], [SignalTypes.RageClick]));

        Assert.True(await wakeUp.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None));
        var queued = (await queue.ClaimDueAsync("test", DateTimeOffset.UtcNow.AddMinutes(1), TimeSpan.FromMinutes(1), 10, CancellationToken.None))
            .OrderBy(row => row.WebhookId).ToList();
        Assert.Equal(["hook-a", "hook-b"], queued.Select(row => row.WebhookId));
        Assert.NotEqual(queued[0].Id, queued[1].Id);
        Assert.All(queued, row =>
        {
            Assert.Equal((session.Id, session.ProjectId, "Rage on checkout", Rage.Url, 35, 0), (row.SessionId, row.ProjectId, row.RuleName, row.Url, row.Score, row.Attempts));
            Assert.Equal(JsonSerializer.Serialize(Rage, SignalJson.Options), JsonSerializer.Serialize(
                JsonSerializer.Deserialize<Signal>(row.SignalJson!, SignalJson.Options), SignalJson.Options));
        });
    }

    [Fact]
    public async Task ARuleThatAlreadyFiredForTheSessionQueuesNothingMore()
    {
        await using var host = await GrainHost.StartAsync();
        var (sink, queue, wakeUp, session) = await ArrangeAsync(host, ["hook-a"]);
        await sink.OnRaisedAsync(session, [Rage], new SessionScore(35, [], [SignalTypes.RageClick]));
        await wakeUp.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);

        await sink.OnRaisedAsync(session, [Rage with { Index = 1 }], new SessionScore(70, [], [SignalTypes.RageClick]));

        Assert.False(await wakeUp.WaitAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None));
        Assert.Single(await queue.ClaimDueAsync("test", DateTimeOffset.UtcNow.AddMinutes(1), TimeSpan.FromMinutes(1), 10, CancellationToken.None));
    }

    private static async Task<(AlertSink Sink, IAlertDeliveryQueue Queue, AlertDeliveryWakeUp WakeUp, SessionRecord Session)> ArrangeAsync(
        GrainHost host, IReadOnlyList<string> webhookIds)
    {
        var alerts = host.Service<IAlertStore>();
        var queue = host.Service<IAlertDeliveryQueue>();
        var session = new SessionRecord
        {
            Id = $"sink-{Guid.NewGuid():N}", ProjectId = $"project-{Guid.NewGuid():N}", StartedAt = DateTimeOffset.UtcNow, LastActivityAt = DateTimeOffset.UtcNow,
        };
        await host.Store.TryCreateSessionAsync(session, CancellationToken.None);
        await alerts.SaveRuleAsync(
            new AlertRuleRecord($"rule-{Guid.NewGuid():N}", session.ProjectId, "Rage on checkout", SignalTypes.RageClick, "/checkout", null, webhookIds, true, DateTimeOffset.UtcNow),
            CancellationToken.None);
        var wakeUp = new AlertDeliveryWakeUp();
        return (new AlertSink(alerts, queue, wakeUp, TimeProvider.System), queue, wakeUp, session);
    }
}
