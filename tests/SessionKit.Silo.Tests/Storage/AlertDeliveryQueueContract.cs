using SessionKit.Silo.Storage;
using static SessionKit.Silo.Tests.Storage.TestData;

namespace SessionKit.Silo.Tests.Storage;

/// <summary>What every <see cref="IAlertDeliveryQueue"/> must do.</summary>
public abstract class AlertDeliveryQueueContract : StorageContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private IAlertDeliveryQueue Queue => Store.Get<IAlertDeliveryQueue>();

    private IAlertStore Alerts => Store.Get<IAlertStore>();

    [Fact]
    public async Task ARuleFiresOncePerSessionAndQueuesItsDeliveriesOnlyThen()
    {
        var session = await NewStoredSessionAsync();
        var other = await NewStoredSessionAsync(session.ProjectId);
        var first = Pending(session, "rule-1", "hook-1", At(0));
        var second = Pending(session, "rule-1", "hook-2", At(0));

        Assert.True(await Queue.TryRecordFiringAsync(session.Id, "rule-1", At(0), [first, second], Ct));
        Assert.False(await Queue.TryRecordFiringAsync(session.Id, "rule-1", At(1), [Pending(session, "rule-1", "hook-3", At(1))], Ct));
        Assert.True(await Queue.TryRecordFiringAsync(session.Id, "rule-2", At(1), [], Ct));
        Assert.True(await Queue.TryRecordFiringAsync(other.Id, "rule-1", At(1), [], Ct));

        Assert.Equal([first, second], (await Queue.ClaimDueAsync("a", At(1), Lease, 10, Ct)).OrderBy(row => row.WebhookId));
    }

    [Fact]
    public async Task AFiringWhoseDeliveriesCannotBeQueuedIsNotRecordedEither()
    {
        var session = await NewStoredSessionAsync();
        var delivery = Pending(session, "rule-1", "hook-1", At(0));

        // The second row repeats the first one's id: the whole firing fails.
        await Assert.ThrowsAnyAsync<Exception>(() =>
            Queue.TryRecordFiringAsync(session.Id, "rule-1", At(0), [delivery, delivery with { WebhookId = "hook-2" }], Ct));

        Assert.Empty(await Queue.ClaimDueAsync("a", At(0), Lease, 10, Ct));
        Assert.True(await Queue.TryRecordFiringAsync(session.Id, "rule-1", At(0), [delivery], Ct));
        Assert.Equal([delivery], await Queue.ClaimDueAsync("a", At(0), Lease, 10, Ct));
    }

    [Fact]
    public async Task OnlyDueDeliveriesAreClaimedSoonestFirstUpToTheLimit()
    {
        var session = await NewStoredSessionAsync();
        var later = Pending(session, "rule-1", "hook-later", At(5000));
        var soon = Pending(session, "rule-1", "hook-soon", At(1000));
        var now = Pending(session, "rule-1", "hook-now", At(0));
        await Queue.TryRecordFiringAsync(session.Id, "rule-1", At(0), [later, soon, now], Ct);

        Assert.Equal([now], await Queue.ClaimDueAsync("a", At(1000), Lease, 1, Ct));
        Assert.Equal([soon], await Queue.ClaimDueAsync("a", At(1000), Lease, 10, Ct));
        Assert.Empty(await Queue.ClaimDueAsync("a", At(4999), Lease, 10, Ct));
        Assert.Equal([later], await Queue.ClaimDueAsync("a", At(5000), Lease, 10, Ct));
    }

    [Fact]
    public async Task AClaimedDeliveryIsClaimableAgainOnlyOnceItsLeaseHasPassed()
    {
        var session = await NewStoredSessionAsync();
        var delivery = Pending(session, "rule-1", "hook-1", At(0));
        await Queue.TryRecordFiringAsync(session.Id, "rule-1", At(0), [delivery], Ct);

        Assert.Equal([delivery], await Queue.ClaimDueAsync("dead-node", At(0), Lease, 10, Ct));
        Assert.Empty(await Queue.ClaimDueAsync("b", At(29_999), Lease, 10, Ct));
        Assert.Equal([delivery], await Queue.ClaimDueAsync("b", At(30_000), Lease, 10, Ct));
        Assert.Empty(await Queue.ClaimDueAsync("c", At(30_000), Lease, 10, Ct));
    }

    [Fact]
    public async Task ARescheduledDeliveryCountsTheAttemptLogsItAndIsDueAtItsNextTime()
    {
        var session = await NewStoredSessionAsync();
        var delivery = Pending(session, "rule-1", NewId("hook"), At(0));
        await Queue.TryRecordFiringAsync(session.Id, "rule-1", At(0), [delivery], Ct);
        await Queue.ClaimDueAsync("a", At(0), Lease, 10, Ct);
        var attempt = Attempt(delivery, 1, "retrying", 500, At(100));

        Assert.True(await Queue.RescheduleAsync(delivery.Id, "a", At(2000), attempt, Ct));

        Assert.Equal([attempt], await Alerts.ListDeliveriesAsync(delivery.WebhookId, 10, Ct));
        Assert.Empty(await Queue.ClaimDueAsync("b", At(1999), Lease, 10, Ct));
        Assert.Equal([delivery with { Attempts = 1, NextAttemptAt = At(2000) }], await Queue.ClaimDueAsync("b", At(2000), Lease, 10, Ct));
    }

    [Fact]
    public async Task ANodeWhoseLeasePassedCannotRescheduleWhatAnotherNowHolds()
    {
        var session = await NewStoredSessionAsync();
        var delivery = Pending(session, "rule-1", NewId("hook"), At(0));
        await Queue.TryRecordFiringAsync(session.Id, "rule-1", At(0), [delivery], Ct);
        await Queue.ClaimDueAsync("slow", At(0), Lease, 10, Ct);
        await Queue.ClaimDueAsync("b", At(30_000), Lease, 10, Ct);
        var attempt = Attempt(delivery, 1, "retrying", null, At(31_000));

        Assert.False(await Queue.RescheduleAsync(delivery.Id, "slow", At(31_000), attempt, Ct));

        // Logged all the same (the attempt was made), but the row is still b's.
        Assert.Equal([attempt], await Alerts.ListDeliveriesAsync(delivery.WebhookId, 10, Ct));
        Assert.Empty(await Queue.ClaimDueAsync("c", At(59_999), Lease, 10, Ct));
    }

    [Fact]
    public async Task ACompletedDeliveryIsGoneAndItsLastAttemptLogged()
    {
        var session = await NewStoredSessionAsync();
        var delivered = Pending(session, "rule-1", NewId("hook"), At(0));
        var failed = Pending(session, "rule-1", NewId("hook"), At(0));
        var orphan = Pending(session, "rule-1", NewId("hook"), At(0));
        await Queue.TryRecordFiringAsync(session.Id, "rule-1", At(0), [delivered, failed, orphan], Ct);
        await Queue.ClaimDueAsync("a", At(0), Lease, 10, Ct);
        var success = Attempt(delivered, 1, "delivered", 204, At(10));
        var giveUp = Attempt(failed, 5, "failed", 500, At(10));

        await Queue.CompleteAsync(delivered.Id, success, Ct);
        await Queue.CompleteAsync(failed.Id, giveUp, Ct);
        await Queue.CompleteAsync(orphan.Id, attempt: null, Ct);

        Assert.Empty(await Queue.ClaimDueAsync("b", At(3_600_000), Lease, 10, Ct));
        Assert.Equal([success], await Alerts.ListDeliveriesAsync(delivered.WebhookId, 10, Ct));
        Assert.Equal([giveUp], await Alerts.ListDeliveriesAsync(failed.WebhookId, 10, Ct));
        Assert.Empty(await Alerts.ListDeliveriesAsync(orphan.WebhookId, 10, Ct));
    }

    [Fact]
    public async Task AReleasedDeliveryIsDueAtOnceForAnother()
    {
        var session = await NewStoredSessionAsync();
        var delivery = Pending(session, "rule-1", "hook-1", At(0));
        await Queue.TryRecordFiringAsync(session.Id, "rule-1", At(0), [delivery], Ct);
        await Queue.ClaimDueAsync("stopping", At(0), Lease, 10, Ct);

        await Queue.ReleaseAsync(delivery.Id, "someone-else", Ct);
        Assert.Empty(await Queue.ClaimDueAsync("b", At(1), Lease, 10, Ct));
        await Queue.ReleaseAsync(delivery.Id, "stopping", Ct);
        Assert.Equal([delivery], await Queue.ClaimDueAsync("b", At(1), Lease, 10, Ct));
    }

    [Fact]
    public async Task DeliveriesOfAnErasedSessionAreErasedWithIt()
    {
        var session = await NewStoredSessionAsync();
        await Queue.TryRecordFiringAsync(session.Id, "rule-1", At(0), [Pending(session, "rule-1", "hook-1", At(0))], Ct);

        await Store.Get<ISessionErasureStore>().EraseSessionsAsync([session.Id], At(1), Ct);

        Assert.Empty(await Queue.ClaimDueAsync("a", At(1), Lease, 10, Ct));
    }

    [Fact]
    public async Task TwoNodesClaimingAtOnceNeverGetTheSameDelivery()
    {
        var session = await NewStoredSessionAsync();
        var deliveries = Enumerable.Range(0, 60).Select(i => Pending(session, "rule-1", $"hook-{i:00}", At(0))).ToArray();
        await Queue.TryRecordFiringAsync(session.Id, "rule-1", At(0), deliveries, Ct);
        var otherNode = await OpenAsync();
        var nodes = new[] { Queue, otherNode.Get<IAlertDeliveryQueue>() };

        var claims = await Task.WhenAll(nodes.Select((node, index) => Task.Run(async () =>
        {
            var mine = new List<string>();
            while (await node.ClaimDueAsync($"node-{index}", At(0), Lease, 3, Ct) is { Count: > 0 } claimed)
            {
                mine.AddRange(claimed.Select(row => row.Id));
            }

            return mine;
        })));

        var all = claims.SelectMany(ids => ids).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(deliveries.Select(row => row.Id).Order(), all.Order());
    }

    private async Task<SessionRecord> NewStoredSessionAsync(string? projectId = null)
    {
        var session = NewSession(projectId ?? NewId("project"));
        await Store.Sessions.TryCreateSessionAsync(session, Ct);
        return session;
    }

    private static PendingDeliveryRecord Pending(SessionRecord session, string ruleId, string webhookId, DateTimeOffset due) => new(
        NewId("delivery"), session.Id, ruleId, webhookId, session.ProjectId, "Rage on checkout", "https://shop.example.com/checkout", 42,
        """{"index":0,"type":"rage_click","explanation":"3 clicks"}""", At(0), Attempts: 0, NextAttemptAt: due);

    private static WebhookDeliveryRecord Attempt(PendingDeliveryRecord delivery, int attempt, string outcome, int? status, DateTimeOffset at) => new(
        NewId("d"), delivery.WebhookId, delivery.ProjectId, delivery.RuleId, delivery.SessionId, attempt, outcome, status, status is null ? "timeout" : null, at);
}
